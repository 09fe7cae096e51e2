/** The interpreter's durable state: what a lead's run knows, carried across continue-as-new, and how lead events update it. */
import type { LeadEventSignal, Stage } from '../contract';

/** How many event ids are remembered for dedupe; older duplicates are still caught by the seq check. */
export const RECENT_EVENT_IDS = 200;
/** How many path entries the state keeps for the UI. */
export const PATH_LENGTH = 50;

/** Where to pick up when a run starts from carried state: enter a node afresh, or keep waiting in one. */
export type Resume =
  | { mode: 'enter'; nodeId: string }
  | { mode: 'wait'; nodeId: string; deadline: number; sinceEvent: number };

export interface InterpreterState {
  /** Bumped if the shape ever changes, so a carried state from an older run can be migrated. */
  stateVersion: 1;
  workflowId: string;
  leadId: string;
  journeyId: string;
  journeyVersion: number;
  maxEmailsPer24h: number;
  status: 'running' | 'completed' | 'archived';
  score: number;
  stage: Stage;
  isHot: boolean;
  lastAction: string | null;
  /** Number of distinct events applied; doubles as a logical clock for "event after entering the node". */
  eventsSeen: number;
  /** Highest seq applied (null before the first event); the signal carrying it owns score, stage, isHot and lastAction. */
  maxSeq: number | null;
  /** Ring of recently applied events, oldest first. */
  recentEvents: { id: string; seq: number }[];
  /** Highest seq that fell out of the ring: an event at or below it can no longer be checked by id, so it is ignored. */
  forgottenSeq: number | null;
  /** eventsSeen value at which each event type was last applied. */
  lastEventAt: Record<string, number>;
  /**
   * eventsSeen when the run last reacted to events (its trigger, or a wait_for_event released by one).
   * An event that lands while the run is busy (sending an email, say) is still pending for the next wait.
   * Optional so a state carried over from before this field resumes as if everything was consumed.
   */
  eventsConsumed?: number;
  currentNode: string | null;
  /** Times each node was entered; part of every idempotency key, so it must survive continue-as-new. */
  visits: Record<string, number>;
  /** send_email nodes that already sent to this lead (oncePerLead). */
  sentNodes: string[];
  /** Send times (runtime clock) of marketing emails in the last 24 h, for the frequency cap. */
  emailLog: number[];
  path: { nodeId: string; at: number }[];
  /** Node transitions since the last durable wait; guards against runaway loops. */
  hopsSinceWait: number;
  resume: Resume | null;
}

export interface NewStateInput {
  workflowId: string;
  leadId: string;
  journeyId: string;
  journeyVersion: number;
  maxEmailsPer24h: number;
  score?: number;
  stage?: Stage;
  isHot?: boolean;
  lastAction?: string | null;
}

export function createInitialState(input: NewStateInput): InterpreterState {
  return {
    stateVersion: 1,
    workflowId: input.workflowId,
    leadId: input.leadId,
    journeyId: input.journeyId,
    journeyVersion: input.journeyVersion,
    maxEmailsPer24h: input.maxEmailsPer24h,
    status: 'running',
    score: input.score ?? 0,
    stage: input.stage ?? 'cold',
    isHot: input.isHot ?? false,
    lastAction: input.lastAction ?? null,
    eventsSeen: 0,
    maxSeq: null,
    recentEvents: [],
    forgottenSeq: null,
    lastEventAt: {},
    eventsConsumed: 0,
    currentNode: null,
    visits: {},
    sentNodes: [],
    emailLog: [],
    path: [],
    hopsSinceWait: 0,
    resume: null,
  };
}

/**
 * Applies one lead event; returns false when it is a duplicate. Synchronous and side-effect free
 * apart from `state`, so a Temporal signal handler can call it before the workflow awaits anything.
 */
export function applyLeadEvent(state: InterpreterState, signal: LeadEventSignal): boolean {
  if (state.recentEvents.some((e) => e.id === signal.eventId)) return false;
  if (state.forgottenSeq !== null && signal.seq <= state.forgottenSeq) return false;
  state.recentEvents.push({ id: signal.eventId, seq: signal.seq });
  if (state.recentEvents.length > RECENT_EVENT_IDS) {
    const evicted = state.recentEvents.shift();
    if (evicted) state.forgottenSeq = Math.max(state.forgottenSeq ?? evicted.seq, evicted.seq);
  }

  // An older event arriving late still counts as activity, but never rolls the score back:
  // the ingestion transaction scored every event, and the newest seq is the score the UI shows.
  if (state.maxSeq === null || signal.seq > state.maxSeq) {
    state.maxSeq = signal.seq;
    state.score = signal.score;
    state.stage = signal.stage;
    state.isHot = signal.isHot;
    state.lastAction = signal.type;
  }
  state.eventsSeen += 1;
  state.lastEventAt[signal.type] = state.eventsSeen;
  return true;
}

/** True when an event of one of `types` (any type when empty) was applied after logical time `since`. */
export function eventSince(state: InterpreterState, types: readonly string[], since: number): boolean {
  if (types.length === 0) return state.eventsSeen > since;
  return types.some((t) => (state.lastEventAt[t] ?? 0) > since);
}

export function pushPath(state: InterpreterState, nodeId: string, at: number): void {
  state.path.push({ nodeId, at });
  if (state.path.length > PATH_LENGTH) state.path.splice(0, state.path.length - PATH_LENGTH);
}

/** Checks the minimum of a carried state so a corrupt payload fails loudly instead of misrouting. */
export function isInterpreterState(value: unknown): value is InterpreterState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<InterpreterState>;
  return v.stateVersion === 1 && typeof v.leadId === 'string' && typeof v.score === 'number' && Array.isArray(v.emailLog) && Array.isArray(v.recentEvents);
}
