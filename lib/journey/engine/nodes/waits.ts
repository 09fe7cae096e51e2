/** wait and wait_for_event: deadlines kept in state so a continued-as-new run resumes the same timer. */
import { durationMs } from '../../duration';
import { parkSpec } from '../park';
import { PARK_NOOP_EVENTS, PENDING_EVENTS_RELEASE_WAIT, STEP_RECORDS_POSITION } from '../patches';
import { applyLeadEvent, eventSince } from '../state';
import type { Resume } from '../state';
import type { NodeContext, NodeHandler, NodeResult } from './context';

type Waiting = Extract<Resume, { mode: 'wait' }>;

/**
 * 09efde8 shipped without a patch; every build since step-records-position (19ced10) already ran its
 * count, so a history carrying that marker keeps it. Runs from before either replay the old count.
 */
function countsPendingEvents(ctx: Pick<NodeContext, 'rt'>): boolean {
  return ctx.rt.patched(PENDING_EVENTS_RELEASE_WAIT) || ctx.rt.patched(STEP_RECORDS_POSITION);
}

/**
 * Blocks until the deadline or (when `eventTypes` is given) a matching event applied after `sinceEvent`.
 * Also yields to continue-as-new, leaving a resume marker with the same deadline.
 */
export async function waitAt(
  ctx: Pick<NodeContext, 'rt' | 'state' | 'node' | 'index' | 'visit'>,
  w: Waiting,
  eventTypes: readonly string[] | null,
): Promise<'event' | 'timeout' | 'continue_as_new'> {
  const { rt, state } = ctx;
  const matched = () => eventTypes !== null && eventSince(state, eventTypes, w.sinceEvent);
  const canPark = ctx.index !== undefined && rt.park !== undefined && rt.unpark !== undefined && rt.patched(PARK_NOOP_EVENTS);
  for (;;) {
    if (matched()) return 'event';
    const remaining = w.deadline - rt.now();
    if (remaining <= 0) return 'timeout';
    if (rt.shouldContinueAsNew()) {
      state.resume = w;
      return 'continue_as_new';
    }
    state.hopsSinceWait = 0;
    // Computed at each park: which emails were sent (and so skipped on a loop) is part of it.
    const spec = canPark ? parkSpec(ctx.index!, state, ctx.node, ctx.visit) : null;
    if (spec) rt.park!(spec);
    await rt.waitUntil(() => matched() || rt.shouldContinueAsNew(), remaining);
    if (!spec) continue;
    // Whatever woke the run, it leaves the park and catches up on what ingestion held, in order, as if each had arrived.
    const released = matched();
    for (const held of await rt.unpark!(spec)) {
      // Released by a live event anyway, the pass that follows consumes these too.
      if (!applyLeadEvent(state, held.signal) || !held.loop || released) continue;
      // That event's pass walked straight back in here: the wait restarted then, with the event consumed.
      state.eventsConsumed = state.eventsSeen;
      w.sinceEvent = state.eventsSeen;
      if (ctx.node.kind === 'wait_for_event') w.deadline = Math.max(w.deadline, held.at + durationMs(ctx.node.config.timeout));
    }
  }
}

export const wait: NodeHandler<'wait'> = async (ctx) => {
  const w: Waiting = { mode: 'wait', nodeId: ctx.node.id, deadline: ctx.rt.now() + durationMs(ctx.node.config.duration), sinceEvent: ctx.state.eventsSeen };
  await ctx.record('entered', { until: new Date(w.deadline).toISOString() });
  return resumeWait(ctx, w);
};

export const waitForEvent: NodeHandler<'wait_for_event'> = async (ctx) => {
  const w: Waiting = {
    mode: 'wait',
    nodeId: ctx.node.id,
    deadline: ctx.rt.now() + durationMs(ctx.node.config.timeout),
    // Events that arrived while the run was busy since it last reacted count: none is dropped on the floor.
    sinceEvent: countsPendingEvents(ctx) ? (ctx.state.eventsConsumed ?? ctx.state.eventsSeen) : ctx.state.eventsSeen,
  };
  await ctx.record('entered', { until: new Date(w.deadline).toISOString(), eventTypes: ctx.node.config.eventTypes });
  return resumeWait(ctx, w);
};

/** Continues a wait node's wait (fresh or resumed after continue-as-new) and records how it ended. */
export async function resumeWait(ctx: NodeContext, w: Waiting): Promise<NodeResult> {
  const node = ctx.node;
  const types = node.kind === 'wait_for_event' ? node.config.eventTypes : null;
  const outcome = await waitAt(ctx, w, types);
  if (outcome === 'continue_as_new') return { continueAsNew: true };
  if (outcome === 'event') ctx.state.eventsConsumed = ctx.state.eventsSeen;
  const output = node.kind === 'wait_for_event' ? outcome : 'next';
  await ctx.record('resolved', { output, lastAction: ctx.state.lastAction, score: ctx.state.score });
  return { output };
}
