/** Sales notifications name a Vietnamese lead as it is written (family name first) on every channel: email, Slack, CRM task. */
import { randomBytes, randomUUID } from 'node:crypto';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffs, leads, salesOwners } from '@/db/schema';
import { splitFullName } from '@/lib/people/names';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createActivities } from './index';

let tdb: TestDatabase;
let sink: MailSink;
const SLACK = 'https://hooks.slack.com/services/T000/B000/names';
const CRM = 'https://crm.example.test/tasks';
const bodies = new Map<string, string>();

/** Slack and the CRM are outside this machine: each answers as it does, and what it received is kept. */
const outside: typeof fetch = async (url, init) => {
  const u = url instanceof Request ? url.url : url.toString();
  bodies.set(u, typeof init?.body === 'string' ? init.body : '');
  return u === SLACK ? new Response('ok', { status: 200 }) : new Response('{"id":"task_1"}', { status: 201, headers: { 'content-type': 'application/json' } });
};

beforeAll(async () => {
  [tdb, sink] = await Promise.all([startTestDatabase(), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
});
afterAll(async () => {
  await Promise.all([tdb?.stop(), sink?.close()]);
});

describe('sales notifications and Vietnamese names', () => {
  it('email, Slack and the CRM task say "Nguyễn Thị Lan", never "Lan Nguyễn Thị"', async () => {
    const tag = randomUUID().slice(0, 8);
    const [owner] = await tdb.db.insert(salesOwners).values({ handle: `rep-${tag}`, name: 'Rep', email: `rep-${tag}@leadflow.test` }).returning();
    const [lead] = await tdb.db
      .insert(leads)
      .values({ email: `lan-${tag}@saoviet.test`, ...splitFullName('Nguyễn Thị Lan'), ownerId: owner!.id })
      .returning();
    expect(lead).toMatchObject({ firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first' });
    const id = randomUUID();
    await tdb.db.insert(handoffs).values({ id, leadId: lead!.id, ownerId: owner!.id, reason: 'score 70', requestKey: `test:${id}`, workflowId: `lead-${lead!.id}-handoff-${id}`, ackToken: randomBytes(9).toString('base64url') });
    const a = createActivities({ db: tdb.db, resend: new Resend('re_test', { baseUrl: sink.url }), fetch: outside, appUrl: 'https://app.test', signingSecret: 's', managerEmail: 'm@leadflow.test', slackWebhookUrl: SLACK, crmWebhookUrl: CRM });
    for (const channel of ['email', 'slack', 'crm'] as const) await a.notifyHandoffChannel({ handoffId: id, kind: 'assigned', channel, idempotencyKey: `names:${id}:${channel}` });

    const mail = sink.messages().find((m) => m.to.includes(owner!.email))!;
    const slack = bodies.get(SLACK)!;
    const crm = JSON.parse(bodies.get(CRM)!) as { task: { title: string }; lead: { name: string } };
    for (const out of [mail.subject, mail.text ?? '', slack, crm.task.title, crm.lead.name]) {
      expect(out).toContain('Nguyễn Thị Lan');
      expect(out).not.toContain('Lan Nguyễn Thị');
    }
  });
});
