/** The seed path end to end over HTTP: Email A → B → C → hot → hand-off notified → acknowledged; and the outbox surviving a crash. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { auditLog, handoffs, journeyRuns, signalOutbox } from '@/db/schema';
import { ingestEvents } from '@/server/services/ingest-events';
import { JOURNEY_STATE_QUERY, type JourneyStateView } from '@/lib/journey/contract';
import { Webhook } from 'standardwebhooks';
import { endpointSecret } from '@/lib/webhooks/standard';
import { api, eventually, receivedWebhooks, sinkMessages, temporalClient, testDb, uniqueEmail } from './support';

const { db, sql: pg } = testDb();
let temporal: Awaited<ReturnType<typeof temporalClient>>;

beforeAll(async () => {
  temporal = await temporalClient();
});
afterAll(async () => {
  await temporal.close();
  await pg.end();
});

type SinkMessage = { id: string; to: string[] | string; subject: string; html?: string; tags?: { name: string; value: string }[] };
const recipients = (m: SinkMessage) => (Array.isArray(m.to) ? m.to : [m.to]).join(',');

async function mailTo(email: string, count: number): Promise<SinkMessage[]> {
  return eventually(async () => {
    const mine = ((await sinkMessages()) as SinkMessage[]).filter((m) => recipients(m).includes(email));
    return mine.length >= count ? mine : null;
  }, 30_000, `${count} email(s) to ${email}`);
}

async function state(workflowId: string): Promise<JourneyStateView> {
  return temporal.client.workflow.getHandle(workflowId).query<JourneyStateView>(JOURNEY_STATE_QUERY);
}

async function capture(email: string): Promise<{ leadId: string; workflowId: string }> {
  const res = await api('/api/leads', { body: { email, source: 'web_form', first_name: 'Minh', company: 'Acme' } });
  expect(res.status).toBe(201);
  const leadId = res.json.id as string;
  const run = await eventually(async () => (await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, leadId)))[0], 20_000, 'journey run row');
  return { leadId, workflowId: run.workflowId };
}

async function event(leadId: string, type: string, n = 1) {
  const res = await api('/api/events', { body: { event_id: `${leadId}-${type}-${n}`, lead_id: leadId, type } });
  expect(res.status).toBe(202);
}

/** The default journey parks each lead on the wait after the email its score earned. */
async function waitingAt(workflowId: string, score: number, node: string): Promise<JourneyStateView> {
  return eventually(async () => {
    const s = await state(workflowId);
    return s.score === score && s.currentNode === node ? s : null;
  }, 30_000, `workflow waiting at ${node} with score ${score}`);
}

describe('the default journey, end to end', () => {
  it('sends Email A, B, C as the score climbs, then hands the hot lead to sales within seconds', async () => {
    const email = uniqueEmail('seed');
    const { leadId, workflowId } = await capture(email);

    await waitingAt(workflowId, 0, 'wait-a');
    expect((await mailTo(email, 1))[0]!.subject).toBeTruthy();

    await event(leadId, 'schedule_demo'); // 30 → warm → Email B
    await waitingAt(workflowId, 30, 'wait-b');
    await mailTo(email, 2);

    await event(leadId, 'download_whitepaper'); // 45 → engaged → Email C
    await waitingAt(workflowId, 45, 'wait-c');
    const three = await mailTo(email, 3);

    await event(leadId, 'visit_pricing'); // 70 → hot → hand-off
    const handoff = await eventually(async () => {
      const [h] = await db.select().from(handoffs).where(eq(handoffs.leadId, leadId));
      return h?.notifiedAt ? h : null;
    }, 30_000, 'the owner to be notified');
    expect(handoff.notifiedAt!.getTime() - handoff.createdAt.getTime()).toBeLessThan(60_000);

    // schedule_demo opened the hand-off already; visit_pricing is applied in the background after its 202.
    const lead = await eventually(async () => {
      const l = (await api(`/api/leads/${leadId}`)).json;
      return l.score === 70 ? l : null;
    }, 30_000, 'visit_pricing to be applied');
    expect(lead).toMatchObject({ score: 70, stage: 'hot', is_hot: true, lifecycle: 'sql' });
    expect(lead.owner?.handle).toMatch(/john\.doe|jane\.smith/);

    const alert = await eventually(async () => {
      const all = (await sinkMessages()) as SinkMessage[];
      return all.find((m) => recipients(m).includes(lead.owner.email) && (m.html ?? '').includes(leadId));
    }, 30_000, 'the hot-lead alert to the owner');
    expect(alert.html).toContain(`/api/handoff/${handoff.id}/ack?token=`);
    // Three marketing emails and no fourth: each email goes at most once.
    expect(three.map((m) => m.subject)).toHaveLength(new Set(three.map((m) => m.subject)).size);

    // Slack gets "@owner Lead #id is hot, call now!"; the CRM gets a signed "Call lead" task.
    const hooks = await eventually(async () => {
      const all = (await receivedWebhooks()).filter((r) => r.body.includes(leadId));
      return all.some((r) => r.path.startsWith('/slack')) && all.some((r) => r.path.startsWith('/crm')) ? all : null;
    }, 30_000, 'Slack and CRM notifications');
    const slack = JSON.parse(hooks.find((r) => r.path.startsWith('/slack'))!.body) as { text: string };
    expect(slack.text).toContain(`@${lead.owner.handle} Lead #${leadId}`);
    expect(slack.text).toContain('is hot, call now!');
    const crm = hooks.find((r) => r.path.startsWith('/crm'))!;
    expect(JSON.parse(crm.body)).toMatchObject({ task: { type: 'call', owner: lead.owner.handle }, lead: { id: leadId } });
    // Signed the Standard Webhooks way with this endpoint's own secret: a stock verifier accepts it.
    const secret = endpointSecret(process.env.WEBHOOK_SIGNING_SECRET ?? 'leadflow-dev-webhook-secret', process.env.CRM_WEBHOOK_URL!);
    expect(new Webhook(secret).verify(crm.body, crm.headers)).toMatchObject({ handoff_id: handoff.id });
    // Slack gets the lead page, never the acknowledge token.
    expect(slack.text).not.toContain('token=');
    expect(crm.headers['idempotency-key']).toContain(handoff.id);

    // The link in the alert opens a page (GET and HEAD change nothing: scanners and chat previews fetch links)...
    const link = /href="([^"]*\/api\/handoff\/[^"]*\/ack\?token=[^"]*)"/.exec(alert.html!)![1]!.replaceAll('&amp;', '&');
    const linkPath = new URL(link).pathname + new URL(link).search;
    const opened = await api(linkPath, { key: null });
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('<form method="post"');
    expect((await fetch(`${process.env.LEADFLOW_TEST_APP_URL}${linkPath}`, { method: 'HEAD' })).status).toBe(200);
    expect((await db.select().from(handoffs).where(eq(handoffs.id, handoff.id)))[0]!.acknowledgedAt).toBeNull();
    // ...whose button POSTs the token: acknowledged, and the owner lands on the lead page.
    const token = new URL(link).searchParams.get('token')!;
    const clicked = await api(`/api/handoff/${handoff.id}/ack`, { key: null, raw: `token=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(clicked.status).toBe(303);
    expect(clicked.headers.get('location')).toContain(`/leads/${leadId}`);
    // The audit names the rep the link was issued to, not the link.
    const audited = await db.select().from(auditLog).where(and(eq(auditLog.action, 'desk.acknowledge'), eq(auditLog.targetId, handoff.id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorEmail: lead.owner.email, detail: { channel: 'link' } });
    const forged = await api(`/api/handoff/${handoff.id}/ack?token=forged`, { key: null });
    expect(forged.status).toBe(404);
    const forgedPost = await api(`/api/handoff/${handoff.id}/ack`, { key: null, raw: 'token=forged', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forgedPost.status).toBe(404);
    const sla = temporal.client.workflow.getHandle(handoff.workflowId);
    await eventually(async () => ((await sla.describe()).status.name === 'COMPLETED' ? true : null), 30_000, 'the SLA workflow to complete');
    const [acked] = await db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
    expect(acked!.status).toBe('acknowledged');
  });

  it('POST /api/handoff hands a lead to the named owner and notifies them; bad owner or lead is a 404 naming the field', async () => {
    const { leadId } = await capture(uniqueEmail('manual'));
    const res = await api('/api/handoff', { body: { lead_id: leadId, sales_owner: 'jane.smith', reason: "Lead score >= 60, last_action = 'schedule_demo'" } });
    expect(res.status).toBe(201);
    await eventually(async () => (await db.select().from(handoffs).where(eq(handoffs.id, res.json.handoff_id)))[0]?.notifiedAt, 30_000, 'notification');
    await mailTo('jane.smith@sales.leadflow.local', 1);
    const ack = await api(`/api/handoff/${res.json.handoff_id}/ack`, { method: 'POST' });
    expect(ack.status).toBe(200);
    expect(ack.json.handoff_ms).toBeGreaterThanOrEqual(0);
    expect((await api(`/api/handoff/${res.json.handoff_id}/ack`, { method: 'POST', key: null })).status).toBe(401);

    const badOwner = await api('/api/handoff', { body: { lead_id: leadId, sales_owner: 'nobody', reason: 'x' } });
    expect([badOwner.status, badOwner.json.field]).toEqual([404, 'sales_owner']);
    const badLead = await api('/api/handoff', { body: { lead_id: crypto.randomUUID(), sales_owner: 'jane.smith', reason: 'x' } });
    expect([badLead.status, badLead.json.field]).toEqual([404, 'lead_id']);
  });
});

describe('no event is lost or counted twice between Postgres and Temporal', () => {
  it('an event committed without its signal (the process died) still reaches the workflow via the relay', async () => {
    const { leadId, workflowId } = await capture(uniqueEmail('crash'));
    await waitingAt(workflowId, 0, 'wait-a');
    // ingestEvents commits the event and its outbox row; not calling the relay is the crash.
    const result = await ingestEvents(db, [{ event_id: `${leadId}-crash-1`, lead_id: leadId, type: 'webinar_register' }]);
    expect(result.accepted).toBe(1);
    const [pending] = await db.select().from(signalOutbox).where(and(eq(signalOutbox.leadId, leadId), isNull(signalOutbox.deliveredAt)));
    expect(pending).toBeDefined();
    const after = await waitingAt(workflowId, 20, 'wait-b');
    expect(after.stage).toBe('warm');

    // A redelivery of the same row (a relay that crashed after signalling, before marking) changes nothing:
    // after a later marker event, the path shows only the marker's own steps.
    const pathBefore = after.path.map((p) => p.nodeId);
    await db.update(signalOutbox).set({ deliveredAt: null }).where(eq(signalOutbox.id, pending!.id));
    await eventually(async () => (await db.select().from(signalOutbox).where(eq(signalOutbox.id, pending!.id)))[0]?.deliveredAt, 20_000, 'redelivery');
    await event(leadId, 'visit_pricing'); // 45 → engaged
    const marked = await waitingAt(workflowId, 45, 'wait-c');
    expect(marked.path.map((p) => p.nodeId).slice(pathBefore.length)).toEqual(['score', 'email-c', 'wait-c']);
  });
});
