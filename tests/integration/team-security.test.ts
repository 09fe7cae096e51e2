/** Sessions and the edge against the running app: security headers, cookie attributes, sign-out, the Origin check and error bodies without stack traces. */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { APP, requestFrom, testDb } from './support';

const ORIGIN = new URL(APP).origin;

async function signIn(): Promise<{ cookie: string; setCookie: string[] }> {
  const email = process.env.LEADFLOW_TEST_ADMIN_EMAIL;
  const password = process.env.LEADFLOW_TEST_ADMIN_PASSWORD;
  if (!email || !password) throw new Error('LEADFLOW_TEST_ADMIN_EMAIL/PASSWORD missing: run through npm test');
  const res = await fetch(`${APP}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  const setCookie = res.headers.getSetCookie();
  return { cookie: setCookie.map((c) => c.split(';')[0]).join('; '), setCookie };
}

const me = (cookie: string) => fetch(`${APP}/api/trpc/me.get`, { headers: { cookie } });
const mutate = (cookie: string, headers: Record<string, string>) =>
  fetch(`${APP}/api/trpc/journeys.create`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ json: {} }) });

describe('the edge', () => {
  it('pages and API answers carry the CSP with frame-ancestors, Referrer-Policy, and no X-Powered-By', async () => {
    for (const path of ['/sign-in', '/api/health', '/dashboard']) {
      const res = await fetch(`${APP}${path}`, { redirect: 'manual' });
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('the session cookie is httpOnly and SameSite=Lax (not Secure on http); sign-out ends the session', async () => {
    const { cookie, setCookie } = await signIn();
    const session = setCookie.find((c) => /session_token=/.test(c))!;
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).not.toMatch(/;\s*Secure/i);
    expect((await me(cookie)).status).toBe(200);

    const out = await fetch(`${APP}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);
    // The old cookie no longer opens anything: the API answers 401 and pages send the browser to sign-in.
    expect((await me(cookie)).status).toBe(401);
    const page = await fetch(`${APP}/dashboard`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(new URL(page.headers.get('location')!, APP).pathname).toBe('/sign-in');
  });

  it('refuses a state-changing request from another site, even with a valid session', async () => {
    const { cookie } = await signIn();
    const evil = await mutate(cookie, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ field: 'origin' });
    expect((await mutate(cookie, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // The same request from the app itself reaches the procedure (which names the missing field).
    const own = await mutate(cookie, { origin: ORIGIN });
    expect(own.status).toBe(400);
  });

  it('error answers carry no stack trace', async () => {
    const { cookie } = await signIn();
    const bodies = [
      await (await mutate(cookie, { origin: ORIGIN })).text(),
      await (await fetch(`${APP}/api/trpc/journeys.create`, { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: '{"json":' })).text(),
      await (await fetch(`${APP}/api/leads`, { method: 'POST', headers: { authorization: `Bearer ${process.env.LEADFLOW_TEST_API_KEY ?? ''}`, 'content-type': 'application/json' }, body: '{"email":' })).text(),
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/"stack"/);
      expect(body).not.toMatch(/\bat .+\.(?:js|ts):\d+/);
    }
  });
});

describe('client addresses (TRUST_PROXY unset): a forged X-Forwarded-For is ignored', () => {
  const { db, sql: pg } = testDb();
  afterAll(async () => pg.end());
  const json = { 'content-type': 'application/json', origin: ORIGIN };
  const signInFrom = (peer: string, email: string, password: string, forged: string) =>
    requestFrom(peer, '/api/auth/sign-in/email', { method: 'POST', headers: { ...json, 'x-forwarded-for': forged }, body: JSON.stringify({ email, password }) });

  it('the audit log records the socket peer, not the forged header', async () => {
    const peer = '127.0.0.13';
    const signedIn = await signInFrom(peer, process.env.LEADFLOW_TEST_ADMIN_EMAIL!, process.env.LEADFLOW_TEST_ADMIN_PASSWORD!, '198.51.100.66');
    expect(signedIn.status).toBe(200);
    const cookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const name = `Audited from ${peer} ${crypto.randomUUID().slice(0, 6)}`;
    const created = await requestFrom(peer, '/api/trpc/journeys.create', { method: 'POST', headers: { ...json, cookie, 'x-forwarded-for': '198.51.100.67', 'x-real-ip': '198.51.100.68' }, body: JSON.stringify({ json: { name } }) });
    expect(created.status).toBe(200);
    const [row] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'journeys.create'), eq(auditLog.summary, `journeys.create "${name}"`)));
    expect(row?.ip).toBe(peer);
  });

  it("a fresh forged header on every sign-in attempt does not escape better-auth's per-IP limit", async () => {
    const statuses: number[] = [];
    // The rule for /sign-in/email is 20 a minute per address; each try claims another X-Forwarded-For.
    for (let i = 0; i < 21; i++) statuses.push((await signInFrom('127.0.0.14', `nobody-${i}@it.leadflow.test`, 'wrong password', `198.51.100.${i + 1}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another machine has its own allowance.
    expect((await signInFrom('127.0.0.15', 'nobody@it.leadflow.test', 'wrong password', '198.51.100.1')).status).toBe(401);
  });
});
