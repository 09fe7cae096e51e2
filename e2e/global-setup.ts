/** Signs the test admin in once and saves the session, so every spec runs signed in as an admin unless it signs in itself. */
import { request, type FullConfig } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ADMIN_STATE, adminCredentials } from './auth-state';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts has no baseURL');
  const creds = adminCredentials();
  const ctx = await request.newContext({ baseURL });
  try {
    const res = await ctx.post('/api/auth/sign-in/email', { data: creds, headers: { origin: new URL(baseURL).origin } });
    if (!res.ok()) throw new Error(`e2e global setup: sign-in as ${creds.email} failed (${res.status()}): ${await res.text()}`);
    await mkdir(path.dirname(ADMIN_STATE), { recursive: true });
    await ctx.storageState({ path: ADMIN_STATE });
  } finally {
    await ctx.dispose();
  }
}
