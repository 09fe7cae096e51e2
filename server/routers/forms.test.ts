/** Forms on real Postgres: building them through the router, and the public submission path (validation, honeypot, rate limit, origins, double opt-in) through the service. */
import { randomUUID } from 'node:crypto';
import { type TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { formSubmissions, journeyRuns, leads, leadTouchpoints, signalOutbox } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import type { FormDefinitionInput } from '@/lib/forms/definition';
import { createResend } from '@/lib/email/resend-client';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { freePort } from '@/scripts/lib/ports';
import { confirmationLocale, confirmSubmission, submitForm, withinRateLimit, type SubmitContext } from '@/server/services/form-submit';
import { InputError } from '@/server/services/input-error';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
let sink: MailSink;
const APP = 'http://127.0.0.1:3999';

beforeAll(async () => {
  sink = await startMailSink({ port: await freePort(), host: '127.0.0.1', webhookSecret: 'whsec_dGVzdA==' });
  // Every capture enters the seeded journey, so this file keeps its journey runs to itself.
  tdb = await startTestDatabase({ isolated: true });
  db = tdb.db;
  await seedDatabase(db, { devApiKey: null });
});
afterAll(async () => {
  await sink.close();
  await tdb.stop();
});

const tag = () => randomUUID().slice(0, 8);
const email = (t: string) => `${t}-${tag()}@forms.test`;

function definition(p: Partial<FormDefinitionInput> = {}): FormDefinitionInput {
  return {
    name: `Webinar ${tag()}`,
    title: 'Join the webinar',
    fields: [
      { key: 'email', label: 'Email', required: true },
      { key: 'first_name', label: 'First name', required: true },
      { key: 'company', label: 'Company', required: false },
      { key: 'team_size_note', label: 'Team', required: false },
    ],
    consent: { enabled: true, label: 'Email me about the webinar', required: true },
    thankYou: { kind: 'message', message: 'See you there' },
    allowedOrigins: ['https://www.example.com', '*.partner.test'],
    ...p,
  };
}

async function createForm(p: Partial<FormDefinitionInput> = {}) {
  return callerAs(db, 'marketer').forms.save({ form: definition(p) });
}

const ctx = (p: Partial<SubmitContext> = {}): SubmitContext => ({
  origin: null,
  appOrigins: [APP],
  ip: `198.51.100.${Math.floor(Math.random() * 200)}`,
  rateLimitPerMinute: 10,
  appUrl: APP,
  resend: createResend({ apiKey: 're_test', baseUrl: sink.url }),
  ...p,
});

async function failure(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('building forms', () => {
  it('a marketer creates and edits a form; its allowed sites are normalised', async () => {
    const form = await createForm({ allowedOrigins: ['www.example.com', 'http://127.0.0.1:4567/', '*.partner.test'] });
    expect(form.allowedOrigins).toEqual(['https://www.example.com', 'http://127.0.0.1:4567', '*.partner.test']);
    const edited = await callerAs(db, 'admin').forms.save({ id: form.id, form: definition({ name: form.name, doubleOptIn: true }) });
    expect(edited.doubleOptIn).toBe(true);
    expect((await callerAs(db, 'sales').forms.list()).some((f) => f.id === form.id)).toBe(true);
  });

  it('refuses a form without an email field, a bad site, or a taken name, naming the field', async () => {
    const bad = async (form: FormDefinitionInput) => {
      const err = await callerAs(db, 'marketer').forms.save({ form }).then(() => null, (e: unknown) => e as TRPCError);
      return { code: err?.code, message: err?.message ?? '' };
    };
    expect((await bad(definition({ fields: [{ key: 'first_name', label: 'First', required: true }] }))).message).toContain('must include the email field');
    expect((await bad(definition({ allowedOrigins: ['ftp://files.example.com'] }))).message).toContain('is not an origin');
    const taken = await createForm();
    const dup = await bad(definition({ name: taken.name.toUpperCase() }));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain('name: another form is already called');
    // The same refusal as a key, which the builder words in the reader's language.
    const cause = (await callerAs(db, 'marketer').forms.save({ form: definition({ name: taken.name.toUpperCase() }) }).then(() => null, (e: unknown) => (e as TRPCError).cause)) as InputError;
    expect(inVietnamese(cause.text!)).toBe(`đã có một biểu mẫu khác tên "${taken.name.toUpperCase()}"`);
  });

  it('sales and ops may read forms but not change them', async () => {
    for (const role of ['sales', 'ops'] as const) {
      const err = await callerAs(db, role).forms.save({ form: definition() }).then(() => null, (e: unknown) => e as TRPCError);
      expect(err?.code).toBe('FORBIDDEN');
    }
  });
});

describe('submitting a form', () => {
  it('becomes a lead with source form:<name>, its UTMs, referrer, consent and custom fields, and enters the journeys', async () => {
    const form = await createForm();
    const address = email('lan');
    const result = await submitForm(
      db,
      form.id,
      { email: address.toUpperCase(), first_name: 'Lan', company: '', team_size_note: 'five of us', consent: true, utm_source: 'facebook', utm_campaign: 'summer2024', referrer: 'https://news.example/', page_url: 'https://www.example.com/webinar?utm_campaign=summer2024' },
      ctx({ origin: 'https://www.example.com' }),
    );
    expect(result.status).toBe('accepted');
    const [lead] = await db.select().from(leads).where(eq(leads.email, address));
    expect(lead).toMatchObject({ source: `form:${form.name}`, firstName: 'Lan', company: null });
    expect(lead!.properties).toMatchObject({ team_size_note: 'five of us', referrer: 'https://news.example/', consent: { given: true, text: 'Email me about the webinar' }, form: { id: form.id, name: form.name } });
    const [touch] = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, lead!.id));
    expect(touch).toMatchObject({ source: `form:${form.name}`, utmSource: 'facebook', utmCampaign: 'summer2024' });
    expect(await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, lead!.id))).toHaveLength(1);
    expect(result.status === 'accepted' && result.outboxIds.length).toBe(1);
  });

  it('refuses a missing required field, a bad email or unticked consent with the field named, and writes nothing', async () => {
    const form = await createForm();
    const address = email('bad');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: address, consent: true }, 'first_name', 'is required'],
      [{ email: 'not-an-email', first_name: 'A', consent: true }, 'email', 'must be a valid email address'],
      [{ email: address, first_name: 'A', consent: false }, 'consent', 'must be ticked'],
    ];
    for (const [body, field, message] of cases) {
      const err = await failure(submitForm(db, form.id, body, ctx()));
      expect(err.field).toBe(field);
      expect(err.message).toContain(message);
      expect(err.code).toBe('invalid');
    }
    expect(await db.select().from(leads).where(eq(leads.email, address))).toHaveLength(0);
    expect(await db.select().from(formSubmissions).where(eq(formSubmissions.formId, form.id))).toHaveLength(0);
  });

  it('answers a filled honeypot as if accepted and writes nothing', async () => {
    const form = await createForm();
    const address = email('bot');
    const result = await submitForm(db, form.id, { email: address, first_name: 'Bot', consent: true, company_website: 'http://spam.example' }, ctx());
    expect(result.status).toBe('ignored');
    expect(await db.select().from(leads).where(eq(leads.email, address))).toHaveLength(0);
  });

  it('limits submissions per address per form per minute', async () => {
    const form = await createForm();
    const c = ctx({ ip: '203.0.113.50', rateLimitPerMinute: 2 });
    for (let i = 0; i < 2; i++) await submitForm(db, form.id, { email: email(`rate${i}`), first_name: 'R', consent: true }, c);
    const err = await failure(submitForm(db, form.id, { email: email('rate3'), first_name: 'R', consent: true }, c));
    expect(err.code).toBe('too_many');
    // Another address, or another form, has its own count.
    await submitForm(db, form.id, { email: email('other-ip'), first_name: 'R', consent: true }, { ...c, ip: '203.0.113.51' });
    const other = await createForm();
    await submitForm(db, other.id, { email: email('other-form'), first_name: 'R', consent: true }, c);
  });

  it("takes posts only from the form's listed sites (and its own hosted page)", async () => {
    const form = await createForm();
    const body = () => ({ email: email('origin'), first_name: 'O', consent: true });
    expect((await failure(submitForm(db, form.id, body(), ctx({ origin: 'https://evil.example' })))).code).toBe('forbidden');
    expect((await failure(submitForm(db, form.id, body(), ctx({ origin: 'http://www.example.com' })))).code).toBe('forbidden');
    for (const origin of ['https://www.example.com', 'https://shop.partner.test', APP]) expect((await submitForm(db, form.id, body(), ctx({ origin }))).status).toBe('accepted');
    expect((await failure(submitForm(db, randomUUID(), body(), ctx()))).code).toBe('not_found');
  });
});

describe('double opt-in', () => {
  it('keeps the lead out of journeys until it confirms through the mailed link; confirming twice changes nothing', async () => {
    const form = await createForm({ doubleOptIn: true });
    const address = email('doi');
    const result = await submitForm(db, form.id, { email: address, first_name: 'Mai', consent: true }, ctx());
    expect(result.status).toBe('pending_confirmation');
    const [lead] = await db.select().from(leads).where(eq(leads.email, address));
    expect(await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, lead!.id))).toHaveLength(0);
    expect(await db.select().from(signalOutbox).where(eq(signalOutbox.leadId, lead!.id))).toHaveLength(0);

    const mail = sink.messages().find((m) => m.to.includes(address));
    expect(mail?.subject).toBe('Confirm your email for Join the webinar');
    const link = /\/f\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail!.html ?? '');
    expect(link?.[0]).toBeTruthy();
    expect(mail!.text).toContain(`${APP}/f/confirm?token=${link![1]}`);

    const confirmed = await confirmSubmission(db, link![1]!);
    expect(confirmed).toMatchObject({ leadId: lead!.id, alreadyConfirmed: false });
    expect(confirmed.outboxIds).toHaveLength(1);
    expect(await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, lead!.id))).toHaveLength(1);
    const [sub] = await db.select().from(formSubmissions).where(eq(formSubmissions.leadId, lead!.id));
    expect(sub).toMatchObject({ status: 'confirmed', consentGiven: true });

    const again = await confirmSubmission(db, link![1]!);
    expect(again).toMatchObject({ alreadyConfirmed: true, outboxIds: [] });
    expect(await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, lead!.id))).toHaveLength(1);
    expect((await failure(confirmSubmission(db, 'x'.repeat(32)))).code).toBe('not_found');
  });
});

describe('double opt-in mail language', () => {
  const confirmationTo = (address: string) => sink.messages().find((m) => m.to.includes(address));

  it("is the lead's language: a Vietnamese page's lead gets Vietnamese, an English page's lead English", async () => {
    const form = await createForm({ doubleOptIn: true, title: 'Hội thảo trực tuyến' });
    const vi = email('doi-vi');
    await submitForm(db, form.id, { email: vi, first_name: 'Lan', consent: true, language: 'vi-VN' }, ctx());
    const viMail = confirmationTo(vi)!;
    expect(viMail.subject).toBe('Xác nhận email của anh/chị cho “Hội thảo trực tuyến”');
    expect(viMail.html).toContain('lang="vi"');
    expect(viMail.text).toContain('Xác nhận email của tôi');
    expect(viMail.text).toMatch(/\/f\/confirm\?token=[A-Za-z0-9_-]+/);
    expect(viMail.text).not.toContain('Please confirm');
    // The page the link opens speaks the same language as the mail.
    const token = /\/f\/confirm\?token=([A-Za-z0-9_-]+)/.exec(viMail.text ?? '')![1]!;
    expect(await confirmationLocale(db, token)).toBe('vi');
    expect(await confirmationLocale(db, 'x'.repeat(30))).toBe('en');

    const en = email('doi-en');
    await submitForm(db, form.id, { email: en, first_name: 'Ann', consent: true, language: 'en-GB' }, ctx());
    expect(confirmationTo(en)!.subject).toBe('Confirm your email for Hội thảo trực tuyến');
  });

  it("falls back to the org's default email language when the lead has none, and a lead's own language wins over it", async () => {
    const form = await createForm({ doubleOptIn: true });
    await callerAs(db, 'admin').settings.saveEmailLanguage({ locale: 'vi' });
    try {
      const none = email('doi-org');
      await submitForm(db, form.id, { email: none, first_name: 'Minh', consent: true }, ctx());
      expect(confirmationTo(none)!.subject).toBe('Xác nhận email của anh/chị cho “Join the webinar”');
      const en = email('doi-own');
      await submitForm(db, form.id, { email: en, first_name: 'Ann', consent: true, language: 'en' }, ctx());
      expect(confirmationTo(en)!.subject).toBe('Confirm your email for Join the webinar');
    } finally {
      await callerAs(db, 'admin').settings.saveEmailLanguage({ locale: 'en' });
    }
  });
});

describe('the rate limit window', () => {
  it('slides: a burst just after the minute turns still counts the one just before it', async () => {
    const key = `slide-${tag()}`;
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const before = new Date(minute - 2_000);
    const after = new Date(minute + 1_000);
    for (let i = 0; i < 3; i++) expect(await withinRateLimit(db, key, 4, before)).toBe(true);
    expect(await withinRateLimit(db, key, 4, after)).toBe(true);
    expect(await withinRateLimit(db, key, 4, after)).toBe(false);
    // Most of a minute later the old window barely counts.
    expect(await withinRateLimit(db, `${key}-late`, 1, new Date(minute + 59_000))).toBe(true);
  });
});
