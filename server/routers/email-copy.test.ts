/** Editable copy on real Postgres and the mail sink: validation naming the field, preview, test send, and the send path using it. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Resend } from 'resend';
import type { Db } from '@/db/client';
import { emailTemplates, leads } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { callerAs, userAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createSendEmailActivity } from '@/worker/activities/send-email';

let tdb: TestDatabase;
let db: Db;
let sink: MailSink;
const caller = () => callerAs(db);

beforeAll(async () => {
  sink = await startMailSink({ port: 0, host: '127.0.0.1', webhookSecret: 'whsec_dGVzdA==' });
  // Read lazily by getResend(), so the test send goes to this sink.
  process.env.RESEND_BASE_URL = sink.url;
  tdb = await startTestDatabase();
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_abcdef0123456789abcd' });
});
afterAll(async () => {
  await sink.close();
  await tdb.stop();
});

describe('email copy', () => {
  it('refuses bad copy with BAD_REQUEST naming the field, and stores nothing', async () => {
    const before = await caller().emails.copy({ key: 're-engage' });
    await expect(caller().emails.saveCopy({ key: 're-engage', copy: { subject: '' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^copy\.subject:/ });
    await expect(caller().emails.saveCopy({ key: 're-engage', copy: { cta: { label: 'Go' } } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^copy\.cta\.url:/ });
    await expect(caller().emails.saveCopy({ key: 'nope', copy: {} })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^key:/ });
    await expect(caller().emails.saveCopy({ key: 're-engage', copy: { paragraphs: ['Hi', 'Hello {{firstname}}'] } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'copy.paragraphs.1: Unknown placeholder {{firstname}} — did you mean {{first_name}}?',
    });
    expect((await caller().emails.copy({ key: 're-engage' })).override).toEqual(before.override);
  });

  it('saves copy, previews unsaved copy for a real lead, sends a test through the sink, and resets', async () => {
    try {
      const saved = await caller().emails.saveCopy({ key: 're-engage', copy: { subject: 'Still with us, {{first_name}}?', paragraphs: ['Edited paragraph.'] } });
      expect(saved.override).toEqual({ subject: 'Still with us, {{first_name}}?', paragraphs: ['Edited paragraph.'] });
      expect(saved.effective.heading).toBe(saved.defaults.heading);

      const [lead] = await db.insert(leads).values({ email: `copy-${randomUUID().slice(0, 8)}@copy.test`, firstName: 'Quynh' }).returning();
      const preview = await caller().emails.previewCopy({ key: 're-engage', leadId: lead!.id, copy: { ...saved.override, heading: 'Unsaved heading' } });
      expect(preview.subject).toBe('Still with us, Quynh?');
      expect(preview.html).toContain('Unsaved heading');
      expect(preview.html).toContain('Edited paragraph.');
      expect(preview.leadEmail).toBe(lead!.email);

      // Test sends reach team members only: an outsider's address is refused before anything is sent.
      await expect(caller().emails.sendTest({ key: 're-engage', to: `outsider-${randomUUID().slice(0, 8)}@evil.example` })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^to:/ });
      const to = (await userAs(db)).email;
      const sent = await caller().emails.sendTest({ key: 're-engage', to });
      const inSink = sink.messages().find((m) => m.id === sent.id);
      expect(inSink).toMatchObject({ subject: '[Test] Still with us, Ada?', to: [to] });
      expect(inSink?.html).toContain('Edited paragraph.');
      await expect(caller().emails.sendTest({ key: 're-engage', to: 'not-an-address' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    } finally {
      const reset = await caller().emails.resetCopy({ key: 're-engage' });
      expect(reset.override).toBeNull();
    }
  });

  it('the sendEmail activity sends the stored copy', async () => {
    const copyKey = `copy-test-${randomUUID().slice(0, 8)}`;
    await db.insert(emailTemplates).values({ key: copyKey, copy: { subject: 'Stored subject for {{first_name}}', heading: 'Stored heading' } });
    const [lead] = await db.insert(leads).values({ email: `send-${randomUUID().slice(0, 8)}@copy.test`, firstName: 'Bao' }).returning();
    const sendEmail = createSendEmailActivity({
      db,
      resend: new Resend('re_test', { baseUrl: sink.url }),
      config: { from: 'Leadflow <hello@leadflow.test>', appUrl: 'https://app.test', signingSecret: 's', productName: 'Leadflow', scheduleLink: 'https://cal.test', managerEmail: 'm@leadflow.test' },
    });
    const wf = `wf-${randomUUID()}`;
    const result = await sendEmail({ idempotencyKey: `${wf}:email-a:1`, workflowId: wf, leadId: lead!.id, nodeId: 'email-a', template: 'email-a-nurture', variant: { id: 'v1', template: copyKey }, kind: 'marketing' });
    expect(result.status).toBe('sent');
    const msg = sink.messages().find((m) => m.id === (result as { providerId: string }).providerId);
    expect(msg?.subject).toBe('Stored subject for Bao');
    expect(msg?.html).toContain('Stored heading');
  });
});
