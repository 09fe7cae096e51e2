/** F5's ledger: for each run, the events it applied (its own count, via the internals query) plus those held for it must be the events sent for its lead. */
import { sql } from 'drizzle-orm';
import type { InterpreterState } from '@/lib/journey/engine/state';
import { runPool } from '../bench/http';
import type { ChaosContext } from './context';

export interface RunLedger {
  leadId: string;
  workflowId: string;
  expected: number;
  applied: number;
  held: number;
  /** Sent for this lead, yet neither in the run's recent-event ring nor held for it. */
  missing: string[];
  /** Why the run's own count could not be read (its query failed), if it could not. */
  unreadable?: string;
}

/** The run's own view: how many distinct events it applied, and the ids of the latest ones. */
export async function internals(ctx: ChaosContext, workflowIds: string[], errors = new Map<string, string>()): Promise<Map<string, { eventsSeen: number; recent: Set<string> }>> {
  const out = new Map<string, { eventsSeen: number; recent: Set<string> }>();
  await runPool(workflowIds.length, 16, 600_000, async (i) => {
    const id = workflowIds[i]!;
    try {
      const state = await ctx.client.workflow.getHandle(id).query<InterpreterState>('journeyInternals');
      out.set(id, { eventsSeen: state.eventsSeen, recent: new Set(state.recentEvents.map((e) => e.id)) });
    } catch (err) {
      errors.set(id, err instanceof Error ? err.message.slice(0, 200) : String(err));
    }
  });
  return out;
}

export async function ledger(ctx: ChaosContext, runs: [string, string][], before: Map<string, number>, sentFor: Map<string, string[]>, tag: string): Promise<RunLedger[]> {
  const errors = new Map<string, string>();
  const now = await internals(ctx, runs.map(([, w]) => w), errors);
  const heldRows = await ctx.db.execute<{ workflow_id: string; event_id: string }>(
    sql`select workflow_id, payload->>'eventId' as event_id from absorbed_events where workflow_id in ${runs.map(([, w]) => w)} and payload->>'eventId' like ${`${tag}-%`} and taken_by is null`,
  );
  const heldBy = new Map<string, Set<string>>();
  for (const r of heldRows) (heldBy.get(r.workflow_id) ?? heldBy.set(r.workflow_id, new Set()).get(r.workflow_id)!).add(r.event_id);
  return runs.map(([leadId, workflowId]) => {
    const sent = sentFor.get(leadId) ?? [];
    const state = now.get(workflowId);
    const held = heldBy.get(workflowId) ?? new Set<string>();
    return {
      leadId,
      workflowId,
      expected: sent.length,
      applied: state ? state.eventsSeen - (before.get(workflowId) ?? 0) : 0,
      held: held.size,
      missing: sent.filter((id) => !held.has(id) && !state?.recent.has(id)),
      ...(state ? {} : { unreadable: errors.get(workflowId) ?? 'no answer' }),
    };
  });
}

export const balanced = (l: RunLedger) => l.applied + l.held === l.expected;

/**
 * Re-reads the unbalanced runs until each balances, the deadline passes, or a minute goes by without progress: a signal
 * Temporal accepted may still wait for the busy worker, but one that never comes should not hold the run for long.
 */
export async function settle(ctx: ChaosContext, runs: [string, string][], before: Map<string, number>, sentFor: Map<string, string[]>, tag: string, deadline: number): Promise<RunLedger[]> {
  const final = new Map<string, RunLedger>();
  let open = runs;
  let gap = Infinity;
  let progressAt = Date.now();
  for (;;) {
    for (const l of await ledger(ctx, open, before, sentFor, tag)) final.set(l.workflowId, l);
    open = open.filter(([, w]) => !balanced(final.get(w)!));
    const now = open.reduce((n, [, w]) => n + Math.abs(final.get(w)!.expected - final.get(w)!.applied - final.get(w)!.held), 0);
    if (now < gap) [gap, progressAt] = [now, Date.now()];
    if (open.length === 0 || Date.now() > deadline || Date.now() - progressAt > 60_000) return runs.map(([, w]) => final.get(w)!);
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

/** For a few missing events: what the outbox says happened to their signal, to tell a lost signal from one never sent. */
export async function explain(ctx: ChaosContext, ledgers: RunLedger[]): Promise<string[]> {
  const out: string[] = [];
  for (const l of ledgers.filter((x) => !balanced(x)).slice(0, 3)) {
    const eventId = l.missing[0];
    const [run] = await ctx.db.execute<{ status: string; current_node: string | null; failure_reason: string | null }>(
      sql`select status, current_node, failure_reason from journey_runs where workflow_id = ${l.workflowId}`,
    );
    const where = `run ${run?.status ?? '?'} at ${run?.current_node ?? '?'}${run?.failure_reason ? ` (${run.failure_reason.slice(0, 160)})` : ''}`;
    const rows = eventId
      ? await ctx.db.execute<{ id: number; delivered_at: string | null; last_error: string | null; attempts: number; unparked: unknown }>(
          sql`select id, delivered_at, last_error, attempts, payload->'unparked' as unparked from signal_outbox where workflow_id = ${l.workflowId} and payload->>'eventId' = ${eventId}`,
        )
      : [];
    const outbox = rows.map((r) => `outbox ${r.id} ${r.delivered_at ? 'delivered' : 'pending'}${r.last_error ? ` (${r.last_error})` : ''}${r.unparked ? ' unparked' : ''}`).join(', ') || 'no outbox row';
    if (l.unreadable) {
      out.push(`${l.workflowId}: its count could not be read (${l.unreadable}); ${where}; sent ${l.expected}, held ${l.held}`);
      continue;
    }
    out.push(`${l.workflowId}: ${where}; sent ${l.expected}, applied ${l.applied}, held ${l.held}; missing e.g. ${eventId ?? '(none by id: the count is off)'}: ${outbox}`);
  }
  return out;
}
