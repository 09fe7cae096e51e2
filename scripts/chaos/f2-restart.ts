/**
 * F2: 1,000 timers pending — journey waits (the email after the wait) and hand-off SLAs (reminder, escalation) — while the
 * Temporal dev server is killed (SIGKILL; its SQLite file keeps the state) and Postgres is shut down at the same time, then
 * both start again on the same data. Every timer must fire exactly once: each is counted by the email it sends.
 */
import { inArray, sql } from 'drizzle-orm';
import { journeyRuns, journeys, messages, scoringRules } from '@/db/schema';
import type { CanvasEdge, CanvasGraph, CanvasNode } from '@/lib/journey/graph';
import { sleep, type ChaosContext } from './context';
import { describeStep, measureHandoffs, ON_TIME_MS, sinkCopies, SLA, startHandoffs, useShortSla } from './handoffs';
import type { Row } from './table';

const JOURNEY_LEADS = Number(process.env.CHAOS_F2_JOURNEY_LEADS ?? 500);
const HANDOFFS = Number(process.env.CHAOS_F2_HANDOFFS ?? 250);
// Long enough that the first run parked still waits when the last hand-off has started and the restart is over.
const WAIT_MINUTES = 2.5;
const TOLERANCE_MS = ON_TIME_MS;
const AFTER_WAIT = 'after-wait';

function timerJourney(trigger: string): CanvasGraph {
  const node = (id: string, type: CanvasNode['type'], config: Record<string, unknown>, x: number): CanvasNode => ({ id, type, position: { x: x * 280, y: 0 }, data: { label: id, config } }) as CanvasNode;
  const nodes: CanvasNode[] = [
    node('trigger', 'trigger', { on: 'event', eventType: trigger }, 0),
    node('wait', 'wait', { duration: { amount: WAIT_MINUTES, unit: 'minutes' } }, 1),
    node(AFTER_WAIT, 'send_email', { template: 'email-c-case-study', variants: [], oncePerLead: true }, 2),
    node('done', 'exit', { archive: false }, 3),
  ];
  const edge = (source: string, target: string): CanvasEdge => ({ id: `e-${source}`, source, sourceHandle: 'next', target });
  return { nodes, edges: [edge('trigger', 'wait'), edge('wait', AFTER_WAIT), edge(AFTER_WAIT, 'done')] };
}

/** Publishes a journey of its own (event trigger, so no other scenario's lead enters it) and enrols each lead with one event. */
async function enrolInWaitJourney(ctx: ChaosContext, leadIds: string[]): Promise<string> {
  const { publishJourney } = await import('@/server/services/publish-journey');
  const { ingestEvents } = await import('@/server/services/ingest-events');
  const trigger = `chaos_f2_${Date.now().toString(36)}`;
  // Custom event types need a scoring rule naming them; zero points keeps the leads cold.
  await ctx.db.insert(scoringRules).values({ name: `Chaos F2 (${trigger})`, kind: 'event', eventType: trigger, points: 0 });
  const [journey] = await ctx.db.insert(journeys).values({ name: `Chaos F2 timers ${trigger}`, draftGraph: timerJourney(trigger) }).returning({ id: journeys.id });
  const published = await publishJourney(ctx.db, journey!.id, { acceptWarnings: true });
  if (!published.ok) throw new Error(`F2 journey did not publish: ${JSON.stringify(published.problems)}`);
  for (let from = 0; from < leadIds.length; from += 100) {
    const batch = leadIds.slice(from, from + 100).map((id) => ({ event_id: `${trigger}-${id}`, lead_id: id, type: trigger }));
    const res = await ingestEvents(ctx.db, batch);
    if (res.rejected.length) throw new Error(`F2 events rejected: ${JSON.stringify(res.rejected.slice(0, 3))}`);
    await ctx.relay.deliver(res.outboxIds);
  }
  return journey!.id;
}

export async function f2Restart(ctx: ChaosContext): Promise<Row> {
  const started = Date.now();
  const scenario = `F2 restart Temporal + Postgres, ${JOURNEY_LEADS + 2 * HANDOFFS} timers pending`;
  const restoreSla = await useShortSla(ctx);
  try {
    return await run(ctx, started, scenario);
  } finally {
    await restoreSla();
  }
}

async function run(ctx: ChaosContext, started: number, scenario: string): Promise<Row> {
  const waitLeads = await ctx.insertLeads(JOURNEY_LEADS, 'f2-wait');
  const slaLeads = await ctx.insertLeads(HANDOFFS, 'f2-sla');
  const journeyId = await enrolInWaitJourney(ctx, waitLeads);
  // Every journey run parked on its wait first; the hand-offs' one-minute SLAs start last, just before the restart.
  const parked = async () =>
    (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(journeyRuns).where(sql`${journeyRuns.journeyId} = ${journeyId} and ${journeyRuns.currentNode} = 'wait'`))[0]!.n;
  while ((await parked()) < JOURNEY_LEADS && Date.now() - started < 100_000) await sleep(1_000);
  const handoffIds = await startHandoffs(ctx, slaLeads, 'f2');
  const parkedBefore = await parked();
  const pendingAt = Date.now();

  const down = Date.now();
  const took = { temporal: 0, postgres: 0 };
  await Promise.all([
    ctx.stack.restart('temporal').then(() => (took.temporal = Date.now() - down)),
    ctx.stack.restart('postgres').then(() => (took.postgres = Date.now() - down)),
  ]);
  const restartedAt = Date.now();

  const until = restartedAt + Math.max(WAIT_MINUTES, SLA.escalationMinutes) * 60_000 + TOLERANCE_MS + 60_000;
  const [journeyMail, sla] = await Promise.all([waitForJourneyEmails(ctx, waitLeads, until), measureHandoffs(ctx, handoffIds, { toleranceMs: TOLERANCE_MS, until })]);

  const expected = JOURNEY_LEADS + 2 * HANDOFFS;
  const fired = journeyMail.fired + sla.reminders.sent + sla.escalations.sent;
  const duplicated = journeyMail.duplicated + sla.reminders.duplicated + sla.escalations.duplicated;
  const firstDue = Math.min(...sla.rows.map((r) => r.createdAt.getTime())) + SLA.slaMinutes * 60_000;
  const problems: string[] = [];
  const remindedTwice = sla.rows.filter((r) => r.remindersSent > 1).length;
  if (remindedTwice) problems.push(`${remindedTwice} hand-offs count more than one reminder`);
  if (sla.reminders.early + sla.escalations.early) problems.push(`${sla.reminders.early + sla.escalations.early} SLA emails went out before their deadline`);
  if (parkedBefore < JOURNEY_LEADS) problems.push(`only ${parkedBefore}/${JOURNEY_LEADS} journey runs were parked on their wait when the restart began`);
  if (journeyMail.firstAt <= restartedAt) problems.push('a journey wait fired before the restart was over: not every timer was pending through it');
  if (restartedAt >= firstDue) problems.push(`the restart ended ${Math.round((restartedAt - firstDue) / 1000)} s after the first SLA timer was due: not every timer was pending through it`);
  return {
    scenario,
    emails: { expected, sent: fired, lost: expected - fired, duplicated },
    handoffs: sla.counts,
    seconds: Math.round((Date.now() - started) / 1000),
    details: [
      `timers expected ${expected} / fired ${fired} / lost ${expected - fired} / duplicated ${duplicated} (${JOURNEY_LEADS} journey waits of ${WAIT_MINUTES} min: ${journeyMail.fired} fired, ${journeyMail.duplicated} duplicated; ${HANDOFFS} reminders, ${HANDOFFS} escalations)`,
      `restart began ${Math.round((pendingAt - started) / 1000)} s in with ${parkedBefore} runs parked on their wait and ${HANDOFFS} SLA runs started; Temporal back after ${(took.temporal / 1000).toFixed(1)} s, Postgres after ${(took.postgres / 1000).toFixed(1)} s; first SLA timer due ${Math.round((firstDue - restartedAt) / 1000)} s after both were back`,
      describeStep('reminders', sla.reminders, TOLERANCE_MS),
      describeStep('escalations', sla.escalations, TOLERANCE_MS),
    ],
    problems,
  };
}

/** The wait's next email, per lead: fired once it reached the sink; any second row or second copy is a duplicate. */
async function waitForJourneyEmails(ctx: ChaosContext, leadIds: string[], until: number): Promise<{ fired: number; duplicated: number; firstAt: number }> {
  const load = async () => {
    const rows = await ctx.db.select({ id: messages.id, leadId: messages.leadId }).from(messages).where(sql`${inArray(messages.leadId, leadIds)} and ${messages.nodeId} = ${AFTER_WAIT}`);
    return { rows, copies: await sinkCopies(ctx) };
  };
  let state = await load();
  const fired = (s: typeof state) => new Set(s.rows.filter((r) => s.copies.has(r.id)).map((r) => r.leadId)).size;
  while (Date.now() < until && fired(state) < leadIds.length) {
    await sleep(2_000);
    state = await load();
  }
  const perLead = new Map<string, number>();
  for (const r of state.rows) perLead.set(r.leadId!, (perLead.get(r.leadId!) ?? 0) + 1);
  const duplicated = [...perLead.values()].reduce((n, c) => n + c - 1, 0) + state.rows.reduce((n, r) => n + Math.max(0, (state.copies.get(r.id)?.count ?? 0) - 1), 0);
  const firstAt = Math.min(...state.rows.flatMap((r) => (state.copies.has(r.id) ? [state.copies.get(r.id)!.firstAt] : [])));
  return { fired: fired(state), duplicated, firstAt };
}
