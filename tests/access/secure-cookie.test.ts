/** Behind https (APP_URL), the session cookie is also Secure; this file's process sees APP_URL as https from the start. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
beforeAll(async () => {
  process.env.APP_URL = 'https://leadflow.example';
  tdb = await startTestDatabase();
});
afterAll(async () => tdb.stop());

it('sets the session cookie httpOnly, SameSite=Lax and Secure when APP_URL is https', async () => {
  const { authFor } = await import('@/server/auth');
  const { createTeamUser } = await import('@/server/services/users');
  const email = `secure-${randomUUID().slice(0, 8)}@team.test`;
  await createTeamUser(tdb.db, { email, name: 'Secure', role: 'ops', password: 'a long password' });
  const res = await authFor(tdb.db).handler(
    new Request('https://leadflow.example/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://leadflow.example', 'x-forwarded-for': '192.0.2.210' }, body: JSON.stringify({ email, password: 'a long password' }) }),
  );
  expect(res.status).toBe(200);
  const session = res.headers.getSetCookie().find((c) => /session_token=/.test(c))!;
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
});
