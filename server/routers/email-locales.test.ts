/** Per-language copy and created templates on real Postgres and the mail sink: the editor's procedures, capture's language, the send path. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { leads, messages, settings } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { DEFAULT_COPY_VI } from '@/emails/copy/defaults-vi';
import { captureLeadSchema } from '@/lib/api/schemas';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { captureLead } from '@/lib/capture/capture-lead';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createSendEmailActivity, sendSalesNotification } from '@/worker/activities/send-email';

let tdb: TestDatabase;
let db: Db;
let sink: MailSink;
const caller = () => callerAs(db);
const tag = () => randomUUID().slice(0, 8);
const config = { from: 'Leadflow <hello@leadflow.test>', appUrl: 'https://app.test', signingSecret: 's', productName: 'Leadflow', scheduleLink: 'https://cal.test', managerEmail: 'm@leadflow.test' };
const deps = () => ({ db, resend: new Resend('re_test', { baseUrl: sink.url }), config });

beforeAll(async () => {
  sink = await startMailSink({ port: 0, host: '127.0.0.1', webhookSecret: 'whsec_dGVzdA==' });
  process.env.RESEND_BASE_URL = sink.url;
  tdb = await startTestDatabase();
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_abcdef0123456789abcd' });
});
afterAll(async () => {
  await sink.close();
  await tdb.stop();
});

async function send(leadId: string, template: string) {
  const wf = `wf-${randomUUID()}`;
  const result = await createSendEmailActivity(deps())({ idempotencyKey: `${wf}:mail:1`, workflowId: wf, leadId, nodeId: 'mail', template, variant: null, kind: 'marketing', allowRepeat: true }); // one lead is mailed the same template in each language: the cross-journey repeat rule is not under test here
  expect(result.status).toBe('sent');
  const providerId = (result as { providerId: string }).providerId;
  const [row] = await db.select().from(messages).where(eq(messages.providerId, providerId));
  return { mail: sink.messages().find((m) => m.id === providerId)!, row: row! };
}

const setDefault = (locale: 'en' | 'vi') => caller().settings.saveEmailLanguage({ locale });

describe('a lead’s language', () => {
  it('capture takes `language` (or `locale`), reads tags as their language, and refuses others naming the field', async () => {
    expect(captureLeadSchema.parse({ email: 'a@b.test', language: 'vi-VN' }).language).toBe('vi');
    expect(captureLeadSchema.parse({ email: 'a@b.test', locale: 'Tiếng Việt' }).locale).toBe('vi');
    const bad = captureLeadSchema.safeParse({ email: 'a@b.test', language: 'fr' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['language'], message: expect.stringContaining('en, vi') });

    const email = `lang-${tag()}@capture.test`;
    const { leadId } = await captureLead(db, captureLeadSchema.parse({ email, language: 'vi', name: 'Nguyễn Thị Lan' }));
    expect((await db.select().from(leads).where(eq(leads.id, leadId)))[0]?.locale).toBe('vi');
    // A second capture fills what was unknown but never overwrites a known language.
    await captureLead(db, captureLeadSchema.parse({ email, source: 'webinar', language: 'en' }));
    expect((await db.select().from(leads).where(eq(leads.id, leadId)))[0]?.locale).toBe('vi');
  });

  it('a Vietnamese lead receives the Vietnamese copy, greeted by given name; the message records its language', async () => {
    const { leadId } = await captureLead(db, captureLeadSchema.parse({ email: `vi-${tag()}@send.test`, name: 'Trần Minh Anh', language: 'vi' }));
    const { mail, row } = await send(leadId, 're-engage');
    expect(mail.subject).toBe('Anh/chị Anh còn quan tâm chứ?');
    expect(mail.html).toContain('lang="vi"');
    expect(row.locale).toBe('vi');
    expect(row.rendered?.subject).toBe(mail.subject);
  });

  it('a lead without a language gets the org default from Settings; sales notifications follow the org default', async () => {
    const { leadId } = await captureLead(db, captureLeadSchema.parse({ email: `nolang-${tag()}@send.test`, first_name: 'Lan' }));
    try {
      expect((await send(leadId, 're-engage')).mail.subject).toBe('Still interested, Lan?');
      await setDefault('vi');
      expect(await caller().settings.emailLanguage()).toEqual({ locale: 'vi' });
      expect((await send(leadId, 're-engage')).mail.subject).toBe('Anh/chị Lan còn quan tâm chứ?');
      const note = await sendSalesNotification(deps(), { to: 'owner@team.test', template: 'sales-hot-lead', props: { ownerHandle: 'minh', reason: 'Điểm 65' }, idempotencyKey: `hot-${tag()}`, leadId });
      expect(sink.messages().find((m) => m.id === (note as { providerId: string }).providerId)?.subject).toMatch(/^Khách hàng nóng: Lan/);
    } finally {
      await db.delete(settings).where(eq(settings.key, 'email_default_locale'));
    }
    await expect(caller().settings.saveEmailLanguage({ locale: 'fr' as 'vi' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('copy per language in the editor', () => {
  it('saves Vietnamese copy without touching the English, checks placeholders per language, and the send uses it', async () => {
    try {
      const vi = await caller().emails.copy({ key: 'email-a-nurture', locale: 'vi' });
      expect(vi).toMatchObject({ locale: 'vi', override: null, fallbackFrom: null, effective: { subject: DEFAULT_COPY_VI['email-a-nurture'].subject } });
      await expect(caller().emails.saveCopy({ key: 'email-a-nurture', locale: 'vi', copy: { subject: 'Chào {{ten}}' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^copy\.subject: Unknown placeholder \{\{ten\}\}/ });
      const saved = await caller().emails.saveCopy({ key: 'email-a-nurture', locale: 'vi', copy: { subject: 'Ưu đãi riêng cho anh/chị {{first_name}}' } });
      expect(saved.override).toEqual({ subject: 'Ưu đãi riêng cho anh/chị {{first_name}}' });
      expect((await caller().emails.copy({ key: 'email-a-nurture', locale: 'en' })).override).toBeNull();
      const preview = await caller().emails.previewCopy({ key: 'email-a-nurture', locale: 'vi' });
      expect(preview.subject).toBe('Ưu đãi riêng cho anh/chị Ada');

      const { leadId } = await captureLead(db, captureLeadSchema.parse({ email: `edit-${tag()}@send.test`, name: 'Lê Thu Hà', language: 'vi' }));
      expect((await send(leadId, 'email-a-nurture')).mail.subject).toBe('Ưu đãi riêng cho anh/chị Hà');
    } finally {
      expect((await caller().emails.resetCopy({ key: 'email-a-nurture', locale: 'vi' })).override).toBeNull();
    }
  });
});

describe('templates created from a layout', () => {
  const graphUsing = (template: string) => ({
    nodes: [
      { id: 'trigger', type: 'trigger' as const, position: { x: 0, y: 0 }, data: { label: '', config: { on: 'lead_captured' } } },
      { id: 'mail', type: 'send_email' as const, position: { x: 300, y: 0 }, data: { label: 'Webinar invite', config: { template, variants: [], oncePerLead: true } } },
      { id: 'done', type: 'exit' as const, position: { x: 600, y: 0 }, data: { label: '', config: { archive: false } } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'mail' },
      { id: 'e2', source: 'mail', sourceHandle: 'next', target: 'done' },
    ],
  });

  it('creates one from a layout, edits both languages, lists it with the built-in ones, and a journey step sends it', async () => {
    await expect(caller().emails.createTemplate({ name: 'Bad', layout: 'sales-hot-lead' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^layout:/ });
    const name = `Webinar ${tag()}`;
    const created = await caller().emails.createTemplate({ name, layout: 'email-c-case-study' });
    expect(created).toMatchObject({ label: name, kind: 'marketing', custom: true, layout: 'email-c-case-study' });
    await expect(caller().emails.createTemplate({ name, layout: 're-engage' })).rejects.toMatchObject({ code: 'CONFLICT', message: /^name:/ });

    // It starts with the layout's copy in the default language only; Vietnamese leads get that until it is written.
    const viBefore = await caller().emails.copy({ key: created.key, locale: 'vi' });
    expect(viBefore).toMatchObject({ custom: true, override: null, fallbackFrom: 'en' });
    await caller().emails.saveCopy({ key: created.key, locale: 'en', copy: { subject: 'Join our webinar, {{first_name}}', heading: 'Webinar', paragraphs: ['Thursday 10:00.'] } });
    const { leadId: viLead } = await captureLead(db, captureLeadSchema.parse({ email: `cvi-${tag()}@send.test`, name: 'Phạm Văn Nam', language: 'vi' }));
    expect((await send(viLead, created.key)).mail.subject).toBe('Join our webinar, Nam');
    await caller().emails.saveCopy({ key: created.key, locale: 'vi', copy: { subject: 'Mời anh/chị {{first_name}} tham dự webinar', heading: 'Webinar', paragraphs: ['Thứ Năm, 10:00.'] } });
    const sent = await send(viLead, created.key);
    expect(sent.mail.subject).toBe('Mời anh/chị Nam tham dự webinar');
    expect(sent.row).toMatchObject({ template: created.key, locale: 'vi' });
    expect(sent.mail.html).toContain('Thứ Năm, 10:00.');

    const list = await caller().emails.templates();
    expect(list.filter((t) => !t.custom)).toHaveLength(9);
    expect(list.find((t) => t.key === created.key)).toMatchObject({ label: name, custom: true });

    // A journey may pick it; once that journey is published the template cannot be archived or deleted.
    const { id } = await caller().journeys.create({ name: `Uses ${name}`, from: 'blank' });
    const journey = await caller().journeys.get({ id });
    expect(journey.templates.map((t) => t.key)).toContain(created.key);
    await caller().journeys.saveDraft({ id, baseRevision: journey.revision, graph: graphUsing(created.key) });
    expect(await caller().journeys.publish({ id, acceptWarnings: true })).toMatchObject({ ok: true });
    // Called one at a time: a second promise made up front rejects before it is awaited, an unhandled rejection that fails the run.
    for (const attempt of [() => caller().emails.archiveTemplate({ key: created.key }), () => caller().emails.deleteTemplate({ key: created.key })]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`the published journey “Uses ${name}” sends it (step “Webinar invite”)`) });
    }
    await expect(caller().emails.archiveTemplate({ key: 're-engage' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: /built-in templates cannot be archived/ });

    // Archived with its journey out of the way: hidden from pickers, refused by the compiler, and back on unarchive.
    await caller().journeys.archive({ id });
    await caller().emails.archiveTemplate({ key: created.key });
    expect((await caller().emails.templates()).some((t) => t.key === created.key)).toBe(false);
    expect((await caller().emails.templates({ includeArchived: true })).find((t) => t.key === created.key)).toMatchObject({ archived: true });
    const other = await caller().journeys.create({ name: `Draft ${name}`, from: 'blank' });
    const draft = await caller().journeys.get({ id: other.id });
    await caller().journeys.saveDraft({ id: other.id, baseRevision: draft.revision, graph: graphUsing(created.key) });
    const refused = await caller().journeys.publish({ id: other.id, acceptWarnings: true });
    expect(refused).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'missing_template', nodeId: 'mail' })] });
    await caller().emails.unarchiveTemplate({ key: created.key });
    expect(await caller().journeys.publish({ id: other.id, acceptWarnings: true })).toMatchObject({ ok: true });
    await caller().journeys.archive({ id: other.id });

    expect(await caller().emails.deleteTemplate({ key: created.key })).toEqual({ key: created.key, deleted: true });
    await expect(caller().emails.copy({ key: created.key, locale: 'en' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^key:/ });
  });
});
