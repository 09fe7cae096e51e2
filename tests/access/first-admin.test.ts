/** The first admin on a fresh database: from LEADFLOW_ADMIN_EMAIL / _PASSWORD, or a one-time setup link that works once, for 24 hours, and only while no admin exists. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, verifications } from '@/db/schema';
import { POST as setupRoute } from '@/app/api/setup/route';
import { withClientAddress } from '@/lib/api/client-address';
import { authFor } from '@/server/auth';
import { ensureFirstAdmin } from '@/server/services/users';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
const APP = 'http://localhost:3000';

beforeAll(async () => {
  // Its own database: no other file's admins.
  tdb = await startTestDatabase({ isolated: true });
  db = tdb.db;
  process.env.DATABASE_URL = tdb.url;
});
afterAll(async () => tdb.stop());

const redeem = (body: Record<string, string>) => setupRoute(new Request(`${APP}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
const signIn = (email: string, password: string) =>
  authFor(db).handler(withClientAddress(new Request(`${APP}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: APP, 'x-forwarded-for': '192.0.2.200' }, body: JSON.stringify({ email, password }) }), 1));

describe('first admin', () => {
  it('without credentials prints a setup link; it makes the first admin once, and a second start prints none', async () => {
    const first = await ensureFirstAdmin(db, { appUrl: `${APP}/` });
    expect(first.kind).toBe('setup');
    const url = new URL((first as { url: string }).url);
    expect(url.pathname).toBe('/setup');
    const token = url.searchParams.get('token')!;
    const [stored] = await db.select().from(verifications).where(eq(verifications.identifier, 'leadflow:first-admin-setup'));
    // Stored hashed, valid for 24 hours.
    expect(stored!.value).not.toContain(token);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    expect((await redeem({ token: 'x'.repeat(32), name: 'Mallory', email: 'mallory@evil.example', password: 'a long password' })).status).toBe(403);
    const ok = await redeem({ token, name: 'Ana Admin', email: 'Ana@Team.Test', password: 'a long password' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ email: 'ana@team.test', role: 'admin' });
    expect((await signIn('ana@team.test', 'a long password')).status).toBe(200);
    // Used up: the same link is refused and makes no second admin.
    expect((await redeem({ token, name: 'Again', email: 'again@team.test', password: 'a long password' })).status).toBe(403);
    expect(await db.select().from(users).where(eq(users.email, 'again@team.test'))).toEqual([]);
    expect(await ensureFirstAdmin(db, { appUrl: APP })).toEqual({ kind: 'exists' });
  });

  it('with LEADFLOW_ADMIN_EMAIL / _PASSWORD creates that admin once, who can sign in', async () => {
    const opts = { email: 'Boss@Team.Test', password: 'another long password', appUrl: APP };
    expect(await ensureFirstAdmin(db, opts)).toEqual({ kind: 'created', email: 'boss@team.test' });
    expect(await ensureFirstAdmin(db, opts)).toEqual({ kind: 'exists' });
    expect(await db.select({ role: users.role }).from(users).where(eq(users.email, 'boss@team.test'))).toEqual([{ role: 'admin' }]);
    expect((await signIn('boss@team.test', 'another long password')).status).toBe(200);
  });
});
