/** Where the signed-in admin's storage state lives, and whose credentials make it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_STATE = path.join(path.dirname(fileURLToPath(import.meta.url)), '.auth', 'admin.json');

/** The test runner passes its admin; against `npm start`, set LEADFLOW_ADMIN_EMAIL / LEADFLOW_ADMIN_PASSWORD for both. */
export function adminCredentials(): { email: string; password: string } {
  const email = process.env.LEADFLOW_TEST_ADMIN_EMAIL ?? process.env.LEADFLOW_ADMIN_EMAIL;
  const password = process.env.LEADFLOW_TEST_ADMIN_PASSWORD ?? process.env.LEADFLOW_ADMIN_PASSWORD;
  if (!email || !password) throw new Error('e2e needs an admin: run `npm test -- e2e`, or start Leadflow and Playwright with LEADFLOW_ADMIN_EMAIL and LEADFLOW_ADMIN_PASSWORD set');
  return { email, password };
}
