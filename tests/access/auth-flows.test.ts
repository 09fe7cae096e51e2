/** Sign-in flows on real Postgres and the mail sink: invitations that expire, magic links by mail, rate limits, API keys revoked at once, audit rows with the user. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, invitations, users } from '@/db/schema';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { freePort } from '@/scripts/lib/ports';
import { withClientAddress } from '@/lib/api/client-address';
import { authFor } from '@/server/auth';
import { authorizeRoute } from '@/server/route-access';
import { acceptInvitation } from '@/server/services/invitations';
import { createTeamUser, UserError } from '@/server/services/users';
import { callerAs, userAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
let sink: MailSink;
const APP = 'http://localhost:3000';

beforeAll(async () => {
  sink = await startMailSink({ port: await freePort(), host: '127.0.0.1', webhookSecret: 'whsec_dGVzdA==' });
  process.env.RESEND_BASE_URL = sink.url;
  tdb = await startTestDatabase();
  db = tdb.db;
  process.env.DATABASE_URL = tdb.url;
});
afterAll(async () => {
  await sink.close();
  await tdb.stop();
});

const mailTo = (to: string) => sink.messages().filter((m) => m.to.includes(to));
const linkIn = (html: string | null | undefined, pattern: RegExp) => pattern.exec((html ?? '').replace(/&amp;/g, '&'))?.[0];
const authPost = (path: string, body: unknown, ip: string) =>
  authFor(db).handler(withClientAddress(new Request(`${APP}/api/auth${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: APP, 'x-forwarded-for': ip }, body: JSON.stringify(body) }), 1));

describe('invitations', () => {
  it('mails a link with the role; accepting creates the user once; an expired one is refused', async () => {
    const email = `invitee-${randomUUID().slice(0, 8)}@team.test`;
    await callerAs(db).users.invite({ email, role: 'ops' });
    const [mail] = mailTo(email);
    expect(mail?.subject).toMatch(/invited you/);
    const token = linkIn(mail?.html, /\/invite\/[A-Za-z0-9_-]+/)!.split('/').pop()!;
    const user = await acceptInvitation(db, { token, name: 'Olga Ops', password: 'correct horse battery' });
    expect(user).toMatchObject({ email, role: 'ops' });
    await expect(acceptInvitation(db, { token, name: 'Again', password: 'correct horse battery' })).rejects.toBeInstanceOf(UserError);

    const late = `late-${randomUUID().slice(0, 8)}@team.test`;
    await callerAs(db).users.invite({ email: late, role: 'marketer' });
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, late));
    const lateToken = linkIn(mailTo(late)[0]?.html, /\/invite\/[A-Za-z0-9_-]+/)!.split('/').pop()!;
    await expect(acceptInvitation(db, { token: lateToken, name: 'Late', password: 'correct horse battery' })).rejects.toMatchObject({ field: 'token' });
    expect(await db.select().from(users).where(eq(users.email, late))).toEqual([]);
  });
});

describe('magic link', () => {
  it('is mailed through the Resend SDK path and signs the user in', async () => {
    const marketer = await userAs(db, 'marketer');
    const res = await authPost('/sign-in/magic-link', { email: marketer.email, callbackURL: '/dashboard' }, '198.51.100.10');
    expect(res.status).toBe(200);
    const link = linkIn(mailTo(marketer.email).at(-1)?.html, /http[^"\s<]+magic-link\/verify\?token=[^"\s<]+/);
    expect(link).toBeTruthy();
    const verify = await authFor(db).handler(withClientAddress(new Request(link!, { headers: { 'x-forwarded-for': '198.51.100.10' } }), 1));
    expect([200, 302]).toContain(verify.status);
    expect(verify.headers.getSetCookie().join(';')).toMatch(/session_token=/);
    // A magic link never signs anyone up: a stranger's link (sent alike, so accounts cannot be probed) opens no session.
    const stranger = `nobody-${randomUUID().slice(0, 8)}@evil.example`;
    await authPost('/sign-in/magic-link', { email: stranger, callbackURL: '/dashboard' }, '198.51.100.11');
    const strangerLink = linkIn(mailTo(stranger).at(-1)?.html, /http[^"\s<]+magic-link\/verify\?token=[^"\s<]+/);
    const denied = strangerLink ? await authFor(db).handler(withClientAddress(new Request(strangerLink, { headers: { 'x-forwarded-for': '198.51.100.11' } }), 1)) : null;
    expect(denied?.headers.getSetCookie().join(';') ?? '').not.toMatch(/session_token=[^;]+/);
    expect(await db.select().from(users).where(eq(users.email, stranger))).toEqual([]);
  });
});

describe('password reset', () => {
  it('mails a one-time link; following it sets a new password, ends the old sessions and the old password', async () => {
    const rep = await createTeamUser(db, { email: `reset-${randomUUID().slice(0, 8)}@team.test`, name: 'Reset Rep', role: 'sales', password: 'the old password' });
    const ip = '198.51.100.40';
    const signIn = (password: string) => authPost('/sign-in/email', { email: rep.email, password }, ip);
    const oldSession = (await signIn('the old password')).headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(oldSession).toMatch(/session_token=/);

    // As the sign-in page's "Forgot password?" asks.
    expect((await authPost('/request-password-reset', { email: rep.email, redirectTo: '/reset-password' }, ip)).status).toBe(200);
    const mail = mailTo(rep.email).at(-1);
    expect(mail?.subject).toMatch(/Reset your .* password/);
    const link = linkIn(mail?.html, /http[^"\s<]+\/reset-password\/[^"\s<]+/);
    expect(link).toBeTruthy();
    // The mailed link checks the token and sends the browser to the app's reset page with it.
    const landing = await authFor(db).handler(withClientAddress(new Request(link!, { headers: { 'x-forwarded-for': ip } }), 1));
    expect(landing.status).toBe(302);
    const page = new URL(landing.headers.get('location')!, APP);
    expect(page.pathname).toBe('/reset-password');
    const token = page.searchParams.get('token');
    expect(token).toBeTruthy();

    // What the reset page's form posts.
    expect((await authPost('/reset-password', { token, newPassword: 'a brand new password' }, ip)).status).toBe(200);
    expect((await signIn('the old password')).status).toBe(401);
    expect((await signIn('a brand new password')).status).toBe(200);
    const session = await authFor(db).api.getSession({ headers: new Headers({ cookie: oldSession }) });
    expect(session).toBeNull();
    // The link works once.
    expect((await authPost('/reset-password', { token, newPassword: 'yet another password' }, ip)).status).toBe(400);
    expect((await signIn('yet another password')).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('limits password attempts per address even from different IPs', async () => {
    const target = await createTeamUser(db, { email: `target-${randomUUID().slice(0, 8)}@team.test`, name: 'Target', role: 'ops', password: 'the right password' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await authPost('/sign-in/email', { email: target.email, password: 'wrong password' }, `192.0.2.${i + 1}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('limits magic-link requests per address (whatever the IP) and per IP (whatever the address), mailing nothing past the limit', async () => {
    const ops = await createTeamUser(db, { email: `magic-${randomUUID().slice(0, 8)}@team.test`, name: 'Magic', role: 'ops' });
    const perAddress: number[] = [];
    for (let i = 0; i < 5; i++) perAddress.push((await authPost('/sign-in/magic-link', { email: ops.email, callbackURL: '/dashboard' }, `192.0.2.${100 + i}`)).status);
    expect(perAddress).toEqual([200, 200, 200, 429, 429]);
    expect(mailTo(ops.email)).toHaveLength(3);
    const perIp: number[] = [];
    for (let i = 0; i < 12; i++) perIp.push((await authPost('/sign-in/magic-link', { email: `m${i}-${randomUUID().slice(0, 6)}@nowhere.test`, callbackURL: '/dashboard' }, '203.0.113.77')).status);
    expect(perIp.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(perIp.slice(10)).toEqual([429, 429]);
  });

  it('behind a trusted proxy (TRUST_PROXY=1) counts the address the proxy wrote, not what the client prepended', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await authPost('/sign-in/email', { email: `p${i}-${randomUUID().slice(0, 6)}@nowhere.test`, password: 'wrong password' }, `198.51.100.${i + 1}, 203.0.113.120`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await authPost('/sign-in/email', { email: `p-${randomUUID().slice(0, 6)}@nowhere.test`, password: 'wrong password' }, '203.0.113.120, 203.0.113.121')).status).toBe(401);
  });

  it('limits sign-in attempts per IP across addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await authPost('/sign-in/email', { email: `x${i}-${randomUUID().slice(0, 6)}@nowhere.test`, password: 'wrong password' }, '203.0.113.99')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('API keys', () => {
  it('is shown once, works, records its last use, and gets 401 the moment it is revoked', async () => {
    const created = await callerAs(db).users.createApiKey({ name: 'Website form', scopes: ['ingest'] });
    expect(created.key).toMatch(/^lf_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await callerAs(db).users.apiKeys())).not.toContain(created.key);
    // The check POST /api/leads runs first, against the database on every request.
    const capture = () =>
      authorizeRoute(db, new Request('http://127.0.0.1/api/leads', { method: 'POST', headers: { authorization: `Bearer ${created.key}` } }), 'POST /api/leads').then(
        () => 200,
        (err: { status?: number }) => err.status ?? 500,
      );
    expect(await capture()).toBe(200);
    expect((await callerAs(db).users.apiKeys()).find((k) => k.id === created.id)?.lastUsedAt).toBeInstanceOf(Date);
    await callerAs(db).users.revokeApiKey({ id: created.id });
    expect(await capture()).toBe(401);
    await expect(callerAs(db, 'marketer').users.createApiKey({ name: 'nope', scopes: ['read'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('audit rows carry the user for every listed action', () => {
  it('journeys, rules, thresholds, limits, copy, users, roles, API keys and test sends', async () => {
    const admin = await userAs(db, 'admin');
    const c = callerAs(db);
    const { id: journeyId } = await c.journeys.create({ name: `Audit ${randomUUID().slice(0, 6)}`, from: 'default' });
    // An A/B split on Email A, so a winner can be declared once it is published.
    const draft = await c.journeys.get({ id: journeyId });
    const split = draft.graph.nodes.find((n) => n.id === 'email-a')!;
    split.data.config = { template: 'email-a-nurture', oncePerLead: true, variants: [{ id: 'A1', weight: 50, subject: 'Control' }, { id: 'A2', weight: 50, subject: 'Challenger' }] };
    await c.journeys.saveDraft({ id: journeyId, graph: draft.graph, baseRevision: draft.revision });
    await c.journeys.publish({ id: journeyId, acceptWarnings: true });
    await c.experiments.declareWinner({ journeyId, nodeId: 'email-a', variantId: 'A2' });
    await c.journeys.archive({ id: journeyId });
    await c.settings.saveRule({ name: 'Audit rule', kind: 'event', eventType: 'audit_probe', points: 3 });
    await c.settings.saveThresholds((await c.settings.scoring()).thresholds);
    await c.settings.saveSending({ maxEmailsPer24h: 3 });
    await c.emails.saveCopy({ key: 're-engage', copy: { subject: 'Audit {{first_name}}' } });
    await c.emails.resetCopy({ key: 're-engage' });
    await c.emails.sendTest({ key: 're-engage', to: admin.email });
    const invited = `audited-${randomUUID().slice(0, 6)}@team.test`;
    await c.users.invite({ email: invited, role: 'sales' });
    const ops = await userAs(db, 'ops');
    await c.users.setRole({ userId: ops.user.id, role: 'ops' });
    const made = await c.users.create({ email: `made-${randomUUID().slice(0, 6)}@team.test`, name: 'Made Here', role: 'marketer', password: 'a long enough password' });
    await c.users.setActive({ userId: made.id, active: false });
    const key = await c.users.createApiKey({ name: 'audited', scopes: ['read'] });
    await c.users.revokeApiKey({ id: key.id });
    const actions = ['journeys.create', 'journeys.saveDraft', 'journeys.publish', 'experiments.declareWinner', 'journeys.archive', 'settings.saveRule', 'settings.saveThresholds', 'settings.saveSending', 'emails.saveCopy', 'emails.resetCopy', 'emails.sendTest', 'users.invite', 'users.setRole', 'users.create', 'users.setActive', 'users.createApiKey', 'users.revokeApiKey'];
    for (const action of actions) {
      const [row] = await db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorId, admin.user.id)));
      expect(row, action).toMatchObject({ actorEmail: admin.email, actorRole: 'admin', ip: '203.0.113.7' });
    }
    const listed = await callerAs(db, 'ops').audit.list({ action: 'users.' });
    expect(listed.items.every((r) => r.action.startsWith('users.'))).toBe(true);
    await expect(callerAs(db, 'marketer').audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The scoring change log says who.
    const change = (await c.settings.scoring()).changes.find((ch) => (ch.after as { name?: string } | null)?.name === 'Audit rule');
    expect(change).toMatchObject({ changedById: admin.user.id, changedByName: admin.user.name });
  });
});
