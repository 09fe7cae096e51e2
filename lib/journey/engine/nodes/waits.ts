/** wait and wait_for_event: deadlines kept in state so a continued-as-new run resumes the same timer. */
import { durationMs } from '../../duration';
import { PENDING_EVENTS_RELEASE_WAIT, STEP_RECORDS_POSITION } from '../patches';
import { eventSince } from '../state';
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
  ctx: Pick<NodeContext, 'rt' | 'state'>,
  w: Waiting,
  eventTypes: readonly string[] | null,
): Promise<'event' | 'timeout' | 'continue_as_new'> {
  const { rt, state } = ctx;
  const matched = () => eventTypes !== null && eventSince(state, eventTypes, w.sinceEvent);
  for (;;) {
    if (matched()) return 'event';
    const remaining = w.deadline - rt.now();
    if (remaining <= 0) return 'timeout';
    if (rt.shouldContinueAsNew()) {
      state.resume = w;
      return 'continue_as_new';
    }
    state.hopsSinceWait = 0;
    await rt.waitUntil(() => matched() || rt.shouldContinueAsNew(), remaining);
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
