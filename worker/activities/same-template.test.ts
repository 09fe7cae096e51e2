// The reported bug: a second journey on webinar_register sent the same welcome email twice within 50 ms. A lead
// now gets one template once per 24 h across journeys, decided under the lead's lock, unless the step allows repeats.
import { randomUUID } from 'node:crypto';
import { Resend } from 'resend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leads } from '@/db/schema';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createSendEmailActivity } from './send-email';

let tdb: TestDatabase;
let sink: MailSink;
beforeAll(async () => {
  [tdb, sink] = await Promise.all([startTestDatabase(), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
});
afterAll(async () => {
  await Promise.all([tdb?.stop(), sink?.close()]);
});

const activity = () =>
  createSendEmailActivity({
    db: tdb.db,
    resend: new Resend('re_test', { baseUrl: sink.url }),
    config: { from: 'Leadflow <hello@leadflow.test>', appUrl: 'https://app.test', signingSecret: 's', productName: 'Leadflow', scheduleLink: 'https://cal.test', managerEmail: 'm@leadflow.test' },
  });
const input = (leadId: string, journey: string, extra: { allowRepeat?: boolean } = {}) => ({
  idempotencyKey: `lead-${leadId}-journey-${journey}:email-b:1`,
  workflowId: `lead-${leadId}-journey-${journey}`,
  leadId,
  nodeId: 'email-b',
  template: 'email-b-welcome-value',
  variant: null,
  kind: 'marketing' as const,
  cap: { maxPer24h: 10, now: new Date().toISOString() },
  ...extra,
});
const newLead = async () => (await tdb.db.insert(leads).values({ email: `dup-${randomUUID()}@acme.test`, firstName: 'Lan' }).returning())[0]!;

it('two journeys sending the same welcome to one lead at the same moment: one email reaches the lead, the other step skips', async () => {
  const send = activity();
  const lead = await newLead();
  const results = await Promise.all([send(input(lead.id, 'webinar-a')), send(input(lead.id, 'webinar-b'))]);
  expect(results.map((r) => r.status).sort()).toEqual(['sent', 'skipped']);
  expect(results.find((r) => r.status === 'skipped')).toEqual({ status: 'skipped', reason: 'duplicate_template' });
  expect(sink.messages().filter((m) => m.to.includes(lead.email))).toHaveLength(1);
  // The run that sent it retrying its own step still gets its send back, not a skip.
  const winner = results[0].status === 'sent' ? 'webinar-a' : 'webinar-b';
  expect((await send(input(lead.id, winner))).status).toBe('sent');
  expect(sink.messages().filter((m) => m.to.includes(lead.email))).toHaveLength(1);
});

it('a step that allows repeats across journeys sends anyway', async () => {
  const send = activity();
  const lead = await newLead();
  expect((await send(input(lead.id, 'first'))).status).toBe('sent');
  expect((await send(input(lead.id, 'second', { allowRepeat: true }))).status).toBe('sent');
  expect(sink.messages().filter((m) => m.to.includes(lead.email))).toHaveLength(2);
});
