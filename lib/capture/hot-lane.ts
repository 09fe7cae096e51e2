/**
 * The hot-lead lane: the transaction that makes a lead hot also opens its hand-off and queues the
 * SLA workflow's start, so no journey (sleeping in a deferred send, a 7-day wait, an activity) holds it back.
 */
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { handoffs, settings, signalOutbox } from '@/db/schema';
import { handoffWorkflowId, START_HANDOFF_SLA } from '@/lib/journey/contract';
import { createHandoffIn, HANDOFF_REUSE_DAYS, NoOwnerError, slaWorkflowInput } from '@/lib/handoffs';
import type { Tx } from '@/lib/journey/targets';

/** Event types that hand a lead to sales at once, whatever its score: the seeds' SQL signal is a demo request. */
export const DEFAULT_HANDOFF_NOW_EVENTS = ['schedule_demo'];

export interface HotLaneSettings {
  slaMinutes: number;
  escalationMinutes: number;
  handoffNowEvents: string[];
}

export async function loadHotLaneSettings(db: Db | Tx): Promise<HotLaneSettings> {
  const rows = await db.select().from(settings).where(inArray(settings.key, ['handoff_sla', 'handoff_now_events']));
  const sla = (rows.find((r) => r.key === 'handoff_sla')?.value ?? {}) as { slaMinutes?: number; escalationMinutes?: number };
  const now = rows.find((r) => r.key === 'handoff_now_events')?.value;
  return {
    slaMinutes: sla.slaMinutes ?? 15,
    escalationMinutes: sla.escalationMinutes ?? 30,
    handoffNowEvents: Array.isArray(now) ? now.filter((t): t is string => typeof t === 'string') : DEFAULT_HANDOFF_NOW_EVENTS,
  };
}

/** One lead's moment of turning hot within an ingestion: the event that did it and the score after it. */
export interface HotMoment {
  leadId: string;
  seq: number;
  eventType: string;
  score: number;
  ownerId: string | null;
}

/**
 * The first event per lead that crosses the hot threshold upwards or is a "hand off now" type.
 * `events` are in ingestion order with the lead's score after each; `scoreBefore` is the locked row's score.
 */
export function hotMoments(
  events: { leadId: string; seq: number; type: string; scoreAfter: number }[],
  leadsBefore: Map<string, { score: number; ownerId: string | null }>,
  hotAt: number,
  handoffNowEvents: readonly string[],
): HotMoment[] {
  const running = new Map([...leadsBefore].map(([id, l]) => [id, l.score]));
  const found = new Map<string, HotMoment>();
  for (const e of events) {
    const before = running.get(e.leadId) ?? 0;
    running.set(e.leadId, e.scoreAfter);
    if (found.has(e.leadId)) continue;
    const crossed = before < hotAt && e.scoreAfter >= hotAt;
    if (crossed || handoffNowEvents.includes(e.type)) {
      found.set(e.leadId, { leadId: e.leadId, seq: e.seq, eventType: e.type, score: e.scoreAfter, ownerId: leadsBefore.get(e.leadId)?.ownerId ?? null });
    }
  }
  return [...found.values()];
}

/**
 * Opens a hand-off per hot moment (unless the lead already has an unacknowledged one) and queues its
 * SLA workflow start in the outbox. Needs the leads' row locks. Returns the outbox row ids.
 */
export async function openHotHandoffs(tx: Tx, moments: HotMoment[], cfg: HotLaneSettings): Promise<number[]> {
  if (moments.length === 0) return [];
  const open = await tx
    .select({ leadId: handoffs.leadId })
    .from(handoffs)
    .where(
      and(
        inArray(handoffs.leadId, moments.map((m) => m.leadId)),
        isNull(handoffs.acknowledgedAt),
        sql`${handoffs.createdAt} > now() - make_interval(days => ${HANDOFF_REUSE_DAYS})`,
      ),
    );
  const busy = new Set(open.map((o) => o.leadId));
  const rows: (typeof signalOutbox.$inferInsert)[] = [];
  for (const m of moments) {
    if (busy.has(m.leadId)) continue;
    let created;
    try {
      created = await createHandoffIn(tx, {
        // One hand-off per hot moment: a retried batch finds the one it made.
        requestKey: `hot:${m.leadId}:${m.seq}`,
        leadId: m.leadId,
        workflowId: (id) => handoffWorkflowId(m.leadId, id),
        reason: `Lead score ${m.score}, last_action = '${m.eventType}'`,
        // A lead that already has an owner stays with that person.
        owner: m.ownerId ? { mode: 'fixed', ownerId: m.ownerId } : { mode: 'round_robin' },
        slaMinutes: cfg.slaMinutes,
        escalationMinutes: Math.max(cfg.escalationMinutes, cfg.slaMinutes),
      });
    } catch (err) {
      // No sales owner to assign: the event still counts; a journey's hand-off node retries until someone is there.
      if (err instanceof NoOwnerError) continue;
      throw err;
    }
    const { handoff } = created;
    const input = slaWorkflowInput(handoff);
    rows.push({ workflowId: handoff.workflowId, leadId: m.leadId, signal: START_HANDOFF_SLA, payload: input as unknown as Record<string, unknown> });
  }
  if (rows.length === 0) return [];
  const inserted = await tx.insert(signalOutbox).values(rows).returning({ id: signalOutbox.id });
  return inserted.map((r) => r.id);
}
