// The sending limit marketers set in Settings applies to leads already running: the send reads it, the
// run's own copy (taken when it started) is only the fallback. Its own database: it writes the setting.
import { randomUUID } from 'node:crypto';
import { Resend } from 'resend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leads, messages, settings } from '@/db/schema';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createSendEmailActivity } from './send-email';

let tdb: TestDatabase;
let sink: MailSink;
beforeAll(async () => {
  [tdb, sink] = await Promise.all([startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
});
afterAll(async () => {
  await Promise.all([tdb?.stop(), sink?.close()]);
});

it('a limit lowered in Settings defers the next send of a run that started under the higher one', async () => {
  const send = createSendEmailActivity({
    db: tdb.db,
    resend: new Resend('re_test', { baseUrl: sink.url }),
    config: { from: 'Leadflow <hello@leadflow.test>', appUrl: 'https://app.test', signingSecret: 's', productName: 'Leadflow', scheduleLink: 'https://cal.test', managerEmail: 'm@leadflow.test' },
  });
  const [lead] = await tdb.db.insert(leads).values({ email: `lead-${randomUUID()}@acme.test`, firstName: 'Lan' }).returning();
  const now = Date.now();
  // Two marketing emails went out in the last hours.
  await tdb.db.insert(messages).values(
    [3, 2].map((h) => ({ leadId: lead!.id, kind: 'marketing' as const, template: 'email-a-nurture', toEmail: lead!.email, subject: 'Hi', idempotencyKey: randomUUID(), providerId: randomUUID(), status: 'sent', sentAt: new Date(now - h * 3_600_000) })),
  );
  const input = (nodeId: string) => ({
    idempotencyKey: `wf:${nodeId}:1:${randomUUID()}`,
    workflowId: `lead-${lead!.id}-journey-j`,
    leadId: lead!.id,
    nodeId,
    template: 'email-b-welcome-value',
    variant: null,
    kind: 'marketing' as const,
    // The run started when the limit was 3, and carries that copy.
    cap: { maxPer24h: 3, now: new Date(now).toISOString() },
  });

  await tdb.db.insert(settings).values({ key: 'max_emails_per_24h', value: 2 });
  const deferred = await send(input('email-b'));
  expect(deferred.status).toBe('deferred');
  // The window opens when the older of the two leaves the 24 h: 21 hours from now.
  expect(Date.parse((deferred as { until: string }).until)).toBe(now - 3 * 3_600_000 + 86_400_000);
  expect(sink.messages().filter((m) => m.to.includes(lead!.email))).toHaveLength(0);
});
