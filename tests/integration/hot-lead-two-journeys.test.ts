/**
 * The user story over HTTP: a lead in two published journeys gets three emails, so the sending limit defers
 * the next one and its run sleeps inside that send; then schedule_demo, and the owner's notification reaches the
 * mail sink with no manual step.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { handoffs, journeyRuns, journeys, journeySteps, messages, scoringRules } from '@/db/schema';
import type { CanvasEdge, CanvasGraph, CanvasNode } from '@/lib/journey/graph';
import { publishJourney } from '@/server/services/publish-journey';
import { api, eventually, sinkMessages, testDb, uniqueEmail } from './support';

const { db, sql: pg } = testDb();
// A trigger event of this run's own, so no other test's lead enters the second journey.
const trigger = `it_webinar_followup_${crypto.randomUUID().slice(0, 8)}`;
let journeyId = '';
let ruleId = '';

function graph(): CanvasGraph {
  const node = (id: string, type: CanvasNode['type'], config: Record<string, unknown>, x: number): CanvasNode => ({ id, type, position: { x: x * 280, y: 0 }, data: { label: id, config } }) as CanvasNode;
  const nodes: CanvasNode[] = [
    node('trigger', 'trigger', { on: 'event', eventType: trigger }, 0),
    // Templates the default journey does not send on this lead's path: the same template twice in 24 h is skipped, not deferred.
    node('follow-up-1', 'send_email', { template: 'email-c-demo-invite', variants: [], oncePerLead: true }, 1),
    node('follow-up-2', 'send_email', { template: 're-engage', variants: [], oncePerLead: true }, 2),
    node('done', 'exit', { archive: false }, 3),
  ];
  const edge = (source: string, target: string): CanvasEdge => ({ id: `e-${source}`, source, sourceHandle: 'next', target });
  return { nodes, edges: [edge('trigger', 'follow-up-1'), edge('follow-up-1', 'follow-up-2'), edge('follow-up-2', 'done')] };
}

beforeAll(async () => {
  // Custom event types need a scoring rule naming them; zero points keeps the score story of the default rules.
  const [rule] = await db.insert(scoringRules).values({ name: `Webinar follow-up (${trigger})`, kind: 'event', eventType: trigger, points: 0 }).returning({ id: scoringRules.id });
  ruleId = rule!.id;
  const [journey] = await db.insert(journeys).values({ name: `Webinar follow-up ${trigger}`, draftGraph: graph() }).returning({ id: journeys.id });
  journeyId = journey!.id;
  const published = await publishJourney(db, journeyId, { acceptWarnings: true });
  expect(published).toMatchObject({ ok: true });
});

afterAll(async () => {
  if (journeyId) await db.update(journeys).set({ status: 'archived' }).where(eq(journeys.id, journeyId));
  if (ruleId) await db.update(scoringRules).set({ active: false }).where(eq(scoringRules.id, ruleId));
  await pg.end();
});

type SinkMessage = { id: string; to: string[] | string; tags?: { name: string; value: string }[] };
const recipients = (m: SinkMessage) => (Array.isArray(m.to) ? m.to : [m.to]).join(',');

async function post(leadId: string, type: string) {
  const res = await api('/api/events', { body: { event_id: `${leadId}-${type}`, lead_id: leadId, type } });
  expect(res.status).toBe(202);
}

it('three emails from two journeys, then schedule_demo: the owner is notified while a run sleeps in its deferred send', async () => {
  const email = uniqueEmail('two-journeys');
  const captured = await api('/api/leads', { body: { email, source: 'webinar', first_name: 'Thu' } });
  expect(captured.status).toBe(201);
  const leadId = captured.json.id as string;
  await eventually(async () => ((await sinkMessages()) as SinkMessage[]).filter((m) => recipients(m).includes(email)).length === 1, 30_000, 'Email A from the default journey');

  await post(leadId, trigger);
  const three = await eventually(async () => {
    const mine = ((await sinkMessages()) as SinkMessage[]).filter((m) => recipients(m).includes(email));
    return mine.length === 3 ? mine : null;
  }, 30_000, 'three emails across the two journeys');
  expect(three).toHaveLength(3);
  const runs = await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, leadId));
  expect(runs.map((r) => r.journeyId)).toContain(journeyId);
  expect(runs).toHaveLength(2);

  // 30 points, warm: the default journey moves on to Email B, the fourth email in 24 h, and sleeps inside that send.
  await post(leadId, 'schedule_demo');
  const deferred = await eventually(
    async () => (await db.select().from(journeySteps).where(and(eq(journeySteps.leadId, leadId), sql`${journeySteps.detail}->>'phase' = 'deferred'`)))[0],
    30_000,
    'the default journey to defer Email B',
  );
  expect(deferred.detail).toMatchObject({ acrossJourneys: true });

  const handoff = await eventually(
    async () => (await db.select().from(handoffs).where(eq(handoffs.leadId, leadId))).find((h) => h.notifiedAt !== null),
    30_000,
    'the hand-off to be notified',
  );
  expect(handoff.reason).toContain("last_action = 'schedule_demo'");
  const [alert] = await db.select().from(messages).where(and(eq(messages.leadId, leadId), eq(messages.template, 'sales-hot-lead')));
  expect(alert?.providerId).toBeTruthy();
  const inSink = ((await sinkMessages()) as SinkMessage[]).filter((m) => m.tags?.some((t) => t.name === 'message_id' && t.value === alert!.id));
  expect(inSink).toHaveLength(1);
  expect(recipients(inSink[0]!)).toBe(alert!.toEmail);
  expect(alert!.toEmail).toMatch(/@sales\.leadflow\.local$/);

  // Still sleeping in the deferred send: the notification did not wait for it, and nobody handed the lead off by hand.
  const still = await db.select().from(journeySteps).where(and(eq(journeySteps.workflowId, deferred.workflowId), eq(journeySteps.nodeId, deferred.nodeId)));
  expect(still.map((s) => s.detail.phase)).not.toContain('done');
  expect(await db.select().from(handoffs).where(eq(handoffs.leadId, leadId))).toHaveLength(1);
});
