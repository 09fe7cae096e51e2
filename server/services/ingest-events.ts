/** Ingests lead events: each event id counts once; scoring, the lead row and the outbox change in one transaction. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { absorbedEvents, leadEvents, leads, scoreChanges } from '@/db/schema';
import { BUILT_IN_EVENT_TYPES } from '@/lib/journey/definition';
import { pointsForEvent } from '@/lib/scoring/evaluate';
import { stageFor } from '@/lib/scoring/stages';
import type { LeadEventSignal } from '@/lib/journey/contract';
import { absorbs } from '@/lib/journey/engine/park';
import { activeRuns, anyOf, enqueueSignals, enterJourneys, type RunTarget, type Tx } from '@/lib/journey/targets';
import { hotMoments, openHotHandoffs } from '@/lib/capture/hot-lane';
import { ingestConfig } from '@/lib/capture/ingest-config';
import { reachGoals } from '@/lib/journey/goals';
import { isUuid } from '@/lib/ids';

export interface IncomingEvent {
  event_id: string;
  lead_id?: string;
  email?: string;
  type: string;
  occurred_at?: string;
  properties?: Record<string, unknown>;
}

export interface Rejection {
  index: number;
  field: string;
  message: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /** Input indexes of the events that were already stored (or repeated earlier in the same call). */
  duplicateIndexes: number[];
  outboxIds: number[];
  /** The hand-off starts among outboxIds: the rows that must never wait for a poll. */
  handoffOutboxIds?: number[];
}


type LeadRow = { id: string; score: number; stage: string; lifecycle: string; email: string; owner_id: string | null };

export interface ResolvedEvent {
  index: number;
  leadId: string;
  event: IncomingEvent;
  /** The lead's stored score when it was looked up. */
  score: number;
}

/** Known event types: the built-in ones and any a scoring rule names. */
export function knownEventTypes(rules: readonly { eventType?: string | null }[]): Set<string> {
  return new Set<string>([...BUILT_IN_EVENT_TYPES, ...rules.flatMap((r) => (r.eventType ? [r.eventType] : []))]);
}

/** Finds each event's lead by id or email in one query; unknown leads and types are rejected by index. */
export async function resolveEvents(db: Db, events: IncomingEvent[], knownTypes: Set<string>): Promise<{ rejected: Rejection[]; valid: ResolvedEvent[] }> {
  const rejected: Rejection[] = [];
  const ids = [...new Set(events.flatMap((e) => (e.lead_id && isUuid(e.lead_id) ? [e.lead_id] : [])))];
  const emails = [...new Set(events.flatMap((e) => (e.email ? [e.email.toLowerCase()] : [])))];
  const found =
    ids.length + emails.length === 0
      ? []
      : await db
          .select({ id: leads.id, email: leads.email, score: leads.score })
          .from(leads)
          .where(sql`${leads.id} = any(${anyOf(ids)}::uuid[]) or ${leads.email} = any(${anyOf(emails)}::text[])`);
  const byId = new Map(found.map((l) => [l.id, l]));
  const byEmail = new Map(found.map((l) => [l.email, l]));

  const valid: ResolvedEvent[] = [];
  events.forEach((event, index) => {
    const lead = event.lead_id ? byId.get(event.lead_id) : event.email ? byEmail.get(event.email.toLowerCase()) : undefined;
    if (!lead) rejected.push({ index, field: event.lead_id ? 'lead_id' : 'email', message: 'no lead with this id or email' });
    else if (!knownTypes.has(event.type)) rejected.push({ index, field: 'type', message: `unknown event type "${event.type}": use a built-in type or one a scoring rule names` });
    else valid.push({ index, leadId: lead.id, event, score: lead.score });
  });
  return { rejected, valid };
}

/** Accepts already shape-validated events; returns per-index rejections for unknown leads and types. */
export async function ingestEvents(db: Db, events: IncomingEvent[], opts: { within?: Tx } = {}): Promise<IngestResult> {
  const { rules, thresholds, hotLane, journeys } = await ingestConfig(db);
  // No published journey has a goal (the usual case): no lookup. A goal removed in a new version stops exiting older runs too.
  const hasGoals = journeys.some((j) => j.trigger.goal);
  const knownTypes = knownEventTypes(rules);

  const { rejected, valid } = await resolveEvents(db, events, knownTypes);
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected, duplicateIndexes: [], outboxIds: [] };

  const { accepted, duplicates, duplicateIndexes, outboxIds, handoffOutboxIds } = await withConflictRetry(() => (opts.within ?? db).transaction(async (tx) => {
    const leadIds = [...new Set(valid.map((v) => v.leadId))].sort();
    // Row locks in id order serialise concurrent batches for the same lead without deadlocks.
    const locked = await tx.execute<LeadRow>(
      sql`select id, score, stage, lifecycle, email, owner_id from leads where id = any(${anyOf(leadIds)}::uuid[]) order by id for update`,
    );
    const leadState = new Map<string, LeadRow>(locked.map((r) => [r.id, { ...r }]));
    const before = new Map(locked.map((r) => [r.id, { score: r.score, ownerId: r.owner_id }]));
    const priorRows = await tx.execute<{ lead_id: string; type: string; n: number }>(
      sql`select lead_id, type, count(*)::int as n from lead_events where lead_id = any(${anyOf(leadIds)}::uuid[]) group by 1, 2`,
    );
    const prior = new Map<string, Record<string, number>>();
    for (const r of priorRows) (prior.get(r.lead_id) ?? prior.set(r.lead_id, {}).get(r.lead_id)!)[r.type] = r.n;
    const seen = await tx.select({ eventId: leadEvents.eventId }).from(leadEvents).where(sql`${leadEvents.eventId} = any(${anyOf([...new Set(valid.map((v) => v.event.event_id))])}::text[])`);
    const seenIds = new Set(seen.map((s) => s.eventId));

    const eventRows: (typeof leadEvents.$inferInsert)[] = [];
    const changeRows: (typeof scoreChanges.$inferInsert)[] = [];
    const lastAction = new Map<string, { type: string; at: Date }>();
    const dupAt: number[] = [];
    for (const { index, leadId, event } of valid) {
      if (seenIds.has(event.event_id)) {
        dupAt.push(index);
        continue;
      }
      seenIds.add(event.event_id);
      const state = leadState.get(leadId)!;
      const counts = prior.get(leadId) ?? prior.set(leadId, {}).get(leadId)!;
      const { points, applied } = pointsForEvent(rules, { type: event.type }, counts);
      counts[event.type] = (counts[event.type] ?? 0) + 1;
      state.score += points;
      for (const a of applied) changeRows.push({ leadId, eventId: event.event_id, ruleId: a.ruleId ?? null, ruleName: a.ruleName, points: a.points, scoreAfter: state.score });
      const occurredAt = event.occurred_at ? new Date(event.occurred_at) : new Date();
      eventRows.push({ eventId: event.event_id, leadId, type: event.type, occurredAt, properties: event.properties ?? {}, points, scoreAfter: state.score });
      lastAction.set(leadId, { type: event.type, at: occurredAt });
    }
    if (eventRows.length === 0) return { accepted: 0, duplicates: dupAt.length, duplicateIndexes: dupAt, outboxIds: [] as number[], handoffOutboxIds: [] as number[] };

    const inserted = await insertEvents(tx, eventRows);
    // A concurrent batch won the same event id for another lead: abort so the caller retries with fresh state.
    if (inserted.length !== eventRows.length) throw new RetryableConflict();
    if (changeRows.length) await tx.insert(scoreChanges).values(changeRows);

    // One statement for every touched lead: a batch of 1,000 events is not 1,000 round trips.
    const touched = [...leadState].flatMap(([leadId, state]) => {
      const action = lastAction.get(leadId);
      if (!action) return [];
      const stage = stageFor(state.score, thresholds);
      state.stage = stage;
      const lifecycle = stage === 'hot' && state.lifecycle === 'lead' ? 'mql' : state.lifecycle;
      const unsub = eventRows.some((e) => e.leadId === leadId && e.type === 'unsubscribe');
      return [sql`(${leadId}::uuid, ${state.score}::int, ${stage}, ${stage === 'hot'}::boolean, ${lifecycle}, ${action.type}, ${action.at.toISOString()}::timestamptz, ${unsub}::boolean)`];
    });
    if (touched.length) {
      await tx.execute(sql`
        update leads as l set score = v.score, stage = v.stage, is_hot = v.is_hot, lifecycle = v.lifecycle,
          last_action = v.last_action, last_event_at = v.last_event_at, updated_at = now(),
          unsubscribed_at = case when v.unsub then coalesce(l.unsubscribed_at, now()) else l.unsubscribed_at end
        from (values ${sql.join(touched, sql`, `)}) as v(id, score, stage, is_hot, lifecycle, last_action, last_event_at, unsub)
        where l.id = v.id`);
    }

    const seqById = new Map(inserted.map((r) => [r.eventId, r.seq]));
    // Hand-offs first: their outbox rows must not wait behind the journeys' signals.
    const moments = hotMoments(
      eventRows.map((e) => ({ leadId: e.leadId, seq: seqById.get(e.eventId)!, type: e.type, scoreAfter: e.scoreAfter ?? 0 })),
      before,
      thresholds.hot,
      hotLane.handoffNowEvents,
    );
    const handoffOutbox = await openHotHandoffs(tx, moments, hotLane);
    const runs = await activeRuns(tx, [...lastAction.keys()]);
    const journeysByTrigger = journeys.filter((j) => j.trigger.on === 'event');
    const signals: { target: RunTarget; signal: LeadEventSignal }[] = [];
    let held: (typeof absorbedEvents.$inferInsert)[] = [];
    const released: string[] = [];
    for (const row of eventRows) {
      const state = leadState.get(row.leadId)!;
      const targets = runs.filter((r) => r.leadId === row.leadId);
      const entering = journeysByTrigger.filter(
        (j) => j.trigger.on === 'event' && j.trigger.eventType === row.type && !targets.some((t) => t.journeyId === j.journeyId),
      );
      const entered = await enterJourneys(tx, row.leadId, entering);
      runs.push(...entered);
      const signal: LeadEventSignal = {
        eventId: row.eventId,
        type: row.type,
        occurredAt: (row.occurredAt as Date).toISOString(),
        seq: seqById.get(row.eventId)!,
        score: row.scoreAfter ?? state.score,
        stage: stageFor(row.scoreAfter ?? state.score, thresholds),
        isHot: stageFor(row.scoreAfter ?? state.score, thresholds) === 'hot',
        properties: row.properties ?? {},
      };
      for (const target of [...targets, ...entered]) {
        const park = target.park;
        const verdict = park ? absorbs(park, row.type, signal.score) : null;
        if (verdict) {
          // Cannot change the parked run's path: kept for it, the run is not woken.
          held.push({ workflowId: target.workflowId, payload: signal as unknown as Record<string, unknown>, loop: verdict.loop, at: new Date(Math.max(Date.now(), Date.parse(signal.occurredAt))) });
          continue;
        }
        if (park) {
          // This one can: the run wakes, after the events held for it, in their order; it need not ask for them.
          target.park = null;
          released.push(target.workflowId);
          const unparked = { nodeId: park.nodeId, visit: park.visit };
          const earlier = await takeHeld(tx, target.workflowId);
          const inBatch = held.filter((h) => h.workflowId === target.workflowId);
          held = held.filter((h) => h.workflowId !== target.workflowId);
          for (const h of [...earlier, ...inBatch.map((h) => h.payload as unknown as LeadEventSignal)]) signals.push({ target, signal: { ...h, unparked } });
          signals.push({ target, signal: { ...signal, unparked } });
          continue;
        }
        signals.push({ target, signal });
      }
    }
    if (released.length) await tx.execute(sql`update journey_runs set park = null where workflow_id = any(${anyOf(released)}::text[])`);
    await insertHeld(tx, held);
    const outbox = await enqueueSignals(tx, signals);
    // After the events: a run applies the event that met its goal, then exits.
    const types = new Map<string, string[]>();
    for (const e of eventRows) (types.get(e.leadId) ?? types.set(e.leadId, []).get(e.leadId)!).push(e.type);
    const goals = hasGoals ? await reachGoals(tx, [...lastAction.keys()], types) : [];
    return { accepted: eventRows.length, duplicates: dupAt.length, duplicateIndexes: dupAt, outboxIds: [...handoffOutbox, ...outbox, ...goals], handoffOutboxIds: handoffOutbox };
  }));
  return { accepted, duplicates, rejected, duplicateIndexes, outboxIds, handoffOutboxIds };
}

/** One statement with one array per column (unnest): a 1,000-row batch is 7 parameters, not 7,000, for drizzle to build and Postgres to parse. */
async function insertEvents(tx: Tx, rows: (typeof leadEvents.$inferInsert)[]): Promise<{ seq: number; eventId: string }[]> {
  const inserted = await tx.execute<{ seq: string | number; event_id: string }>(sql`
    insert into lead_events (event_id, lead_id, type, occurred_at, properties, points, score_after)
    select e, l::uuid, t, o::timestamptz, p::jsonb, n::int, s::int
    from unnest(${anyOf(rows.map((r) => r.eventId))}::text[], ${anyOf(rows.map((r) => r.leadId))}::text[], ${anyOf(rows.map((r) => r.type))}::text[],
      ${anyOf(rows.map((r) => (r.occurredAt as Date).toISOString()))}::text[], ${anyOf(rows.map((r) => JSON.stringify(r.properties ?? {})))}::text[],
      ${anyOf(rows.map((r) => r.points ?? 0))}::text[], ${anyOf(rows.map((r) => r.scoreAfter ?? 0))}::text[]) as u(e, l, t, o, p, n, s)
    on conflict do nothing
    returning seq, event_id`);
  return inserted.map((r) => ({ seq: Number(r.seq), eventId: r.event_id }));
}

async function insertHeld(tx: Tx, rows: (typeof absorbedEvents.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into absorbed_events (workflow_id, payload, loop, at)
    select w, p::jsonb, l::boolean, a::timestamptz
    from unnest(${anyOf(rows.map((r) => r.workflowId))}::text[], ${anyOf(rows.map((r) => JSON.stringify(r.payload)))}::text[],
      ${anyOf(rows.map((r) => r.loop))}::text[], ${anyOf(rows.map((r) => (r.at as Date).toISOString()))}::text[]) as u(w, p, l, a)`);
}

/** The events held for a parked run so far, oldest first, taken out to be sent ahead of the one that wakes it. */
async function takeHeld(tx: Tx, workflowId: string): Promise<LeadEventSignal[]> {
  // Rows an unpark already took belong to that run's past: the run applied them (a retry of that unpark may still read them).
  const rows = await tx
    .delete(absorbedEvents)
    .where(and(eq(absorbedEvents.workflowId, workflowId), isNull(absorbedEvents.takenBy)))
    .returning({ id: absorbedEvents.id, payload: absorbedEvents.payload });
  return rows.sort((a, b) => a.id - b.id).map((r) => r.payload as unknown as LeadEventSignal);
}

async function withConflictRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof RetryableConflict || isDeadlock(err)) || attempt >= 3) throw err;
    }
  }
}

/** Postgres broke a lock cycle (with the relay marking runs started, say) by aborting this transaction: safe to run again. */
function isDeadlock(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '40P01') return true;
  }
  return false;
}

class RetryableConflict extends Error {
  constructor() {
    super('event id raced with a concurrent batch');
  }
}
