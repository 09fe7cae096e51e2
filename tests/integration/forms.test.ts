/** The public form endpoint over HTTP against the running stack: 4xx naming fields, honeypot, rate limit, CORS, hosted page, embed script and double opt-in through the mail sink. */
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { journeyRuns, leads } from '@/db/schema';
import { formDefinitionSchema, type FormDefinitionInput } from '@/lib/forms/definition';
import { saveForm } from '@/server/services/forms';
import { APP, api, eventually, requestFrom, sinkMessages, testDb, uniqueEmail } from './support';

const { db, sql: pg } = testDb();
afterAll(async () => pg.end());

const SITE = 'http://127.0.0.1:4599';

async function newForm(p: Partial<FormDefinitionInput> = {}) {
  const def = formDefinitionSchema.parse({
    name: `IT form ${crypto.randomUUID().slice(0, 8)}`,
    title: 'Get the guide',
    fields: [
      { key: 'email', label: 'Email', required: true },
      { key: 'first_name', label: 'First name', required: true },
    ],
    consent: { enabled: true, label: 'Send me the guide', required: true },
    thankYou: { kind: 'message', message: 'On its way' },
    allowedOrigins: [SITE],
    ...p,
  });
  return saveForm(db, def);
}

const post = (formId: string, body: unknown, origin: string | null = SITE, ip?: string) =>
  api(`/api/forms/${formId}/submit`, { body, key: null, headers: { ...(origin ? { origin } : {}), ...(ip ? { 'x-forwarded-for': ip } : {}) } });

/** A post whose TCP connection comes from `localAddress`, as a second visitor's would. */
const postFrom = (localAddress: string, formId: string, body: unknown) =>
  requestFrom(localAddress, `/api/forms/${formId}/submit`, { method: 'POST', headers: { 'content-type': 'application/json', origin: SITE }, body: JSON.stringify(body) });

const preflight = (formId: string, origin: string) =>
  fetch(`${APP}/api/forms/${formId}/submit`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

const leadByEmail = async (email: string) => (await db.select().from(leads).where(eq(leads.email, email)))[0];

describe('public form endpoint', () => {
  it('takes a submission from a listed site with no sign-in: 201, CORS header, a lead with source form:<name>', async () => {
    const form = await newForm();
    const email = uniqueEmail('form');
    const res = await post(form.id, { email, first_name: 'Lan', consent: true, utm_campaign: 'guide-it' });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.json).toMatchObject({ ok: true, status: 'accepted', thank_you: { kind: 'message', message: 'On its way' } });
    expect(await leadByEmail(email)).toMatchObject({ source: `form:${form.name}`, firstName: 'Lan' });
  });

  it('answers bad input with a 400 naming the field (readable cross-origin), and writes nothing', async () => {
    const form = await newForm();
    const email = uniqueEmail('form-bad');
    const missing = await post(form.id, { email, consent: true });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ field: 'first_name', error: 'first_name: is required' });
    expect(missing.headers.get('access-control-allow-origin')).toBe(SITE);
    const badEmail = await post(form.id, { email: 'nope', first_name: 'A', consent: true });
    expect(badEmail.json).toMatchObject({ field: 'email' });
    const noConsent = await post(form.id, { email, first_name: 'A' });
    expect(noConsent.status).toBe(400);
    expect(noConsent.json.field).toBe('consent');
    const notJson = await api(`/api/forms/${form.id}/submit`, { raw: '{"email":', key: null, headers: { origin: SITE } });
    expect(notJson.status).toBe(400);
    expect(await leadByEmail(email)).toBeUndefined();
    expect((await post(crypto.randomUUID(), { email, first_name: 'A', consent: true })).status).toBe(404);
  });

  it('answers a filled honeypot like a success and writes nothing', async () => {
    const form = await newForm();
    const email = uniqueEmail('form-bot');
    const res = await post(form.id, { email, first_name: 'Bot', consent: true, company_website: 'http://cheap-pills.example' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ ok: true, status: 'accepted' });
    expect(await leadByEmail(email)).toBeUndefined();
  });

  it('rate-limits one address per form: the 11th submission in a minute is a 429, and rotating X-Forwarded-For does not dodge it', async () => {
    const form = await newForm();
    const statuses: number[] = [];
    // A client that forges a fresh X-Forwarded-For on every post is still one socket address (TRUST_PROXY is unset).
    for (let i = 0; i < 11; i++) statuses.push((await post(form.id, { email: uniqueEmail(`rate${i}`), first_name: 'R', consent: true }, SITE, `198.51.100.${i + 1}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
    const limited = await post(form.id, { email: uniqueEmail('rate-x'), first_name: 'R', consent: true }, SITE, '203.0.113.250');
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ field: 'rate' });
    // Another machine (here another loopback address) has its own allowance.
    const other = await postFrom('127.0.0.2', form.id, { email: uniqueEmail('rate-y'), first_name: 'R', consent: true });
    expect(other.status).toBe(201);
  });

  it('CORS: a preflight from a listed site is allowed, from any other site denied; a post from an unlisted site is a 403', async () => {
    const form = await newForm();
    const allowed = await preflight(form.id, SITE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('content-type');
    const denied = await preflight(form.id, 'https://evil.example');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const email = uniqueEmail('form-evil');
    const post403 = await post(form.id, { email, first_name: 'E', consent: true }, 'https://evil.example');
    expect(post403.status).toBe(403);
    expect(post403.json.field).toBe('origin');
    expect(post403.headers.get('access-control-allow-origin')).toBeNull();
    expect(await leadByEmail(email)).toBeUndefined();
  });

  it('serves the hosted page and the embed script to a signed-out visitor', async () => {
    const form = await newForm();
    const page = await fetch(`${APP}/f/${form.id}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('hosted-form');
    const script = await fetch(`${APP}/api/forms/${form.id}/embed`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    const code = await script.text();
    expect(code).toContain('mountAfterScript');
    expect(code).toContain(`/api/forms/${form.id}/submit`);
    expect((await fetch(`${APP}/api/forms/${crypto.randomUUID()}/embed`)).status).toBe(404);
  });

  it('double opt-in: the lead waits outside journeys, the confirmation mail lands in the sink, confirming starts its journey', async () => {
    const form = await newForm({ doubleOptIn: true });
    const email = uniqueEmail('form-doi');
    const res = await post(form.id, { email, first_name: 'Mai', consent: true });
    expect(res.json).toMatchObject({ status: 'pending_confirmation' });
    const lead = (await leadByEmail(email))!;
    expect(await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, lead.id))).toHaveLength(0);
    const mail = await eventually(async () => (await sinkMessages()).find((m: { to: string[] }) => m.to.includes(email)), 30_000, 'confirmation mail');
    const token = /\/f\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text as string)?.[1];
    expect(token).toBeTruthy();
    const page = await fetch(`${APP}/f/confirm?token=${token}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    // Opening the link confirms nothing (mail scanners open links); the page's button posts the token.
    expect(await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, lead.id))).toHaveLength(0);
    const confirmed = await api('/api/forms/confirm', { body: { token }, key: null, headers: { origin: APP } });
    expect(confirmed.status).toBe(200);
    const run = await eventually(async () => (await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, lead.id))).find((r) => r.status === 'running'), 60_000, 'journey run');
    expect(run.workflowId).toContain(lead.id);
    expect((await api('/api/forms/confirm', { body: { token: 'x'.repeat(30) }, key: null, headers: { origin: APP } })).status).toBe(404);
    expect((await api('/api/forms/confirm', { body: { token: '' }, key: null, headers: { origin: APP } })).json).toMatchObject({ field: 'token' });
  });
});
