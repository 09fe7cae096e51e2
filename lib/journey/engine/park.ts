/**
 * What ingestion may keep from a run parked in a wait: events that cannot change its path. A plain wait is
 * released by no event; a wait_for_event ignores other types, and a releasing event whose pass would only
 * walk back into the same wait (a score band that routes to an email already sent once-per-lead) changes
 * nothing but the wait's deadline. Such events are held in Postgres and applied when the run next wakes.
 */
import { pickVariant } from '../ab';
import type { JourneyNode } from '../definition';
import type { DefinitionIndex } from './graph-index';
import type { InterpreterState } from './state';

export interface ParkRange {
  min: number | null;
  max: number | null;
  /** A releasing event whose score after it falls first in this range walks straight back into the wait. */
  loops: boolean;
}

export interface ParkSpec {
  nodeId: string;
  visit: number;
  /** Event types that release the wait; [] = any type, null = none (a plain wait). */
  releaseTypes: string[] | null;
  /** For releasing events: always back into the wait, by score band, or never. */
  loop: 'always' | 'never' | { ranges: ParkRange[] };
}

/** An event the run did not wake for, as ingestion held it. */
export interface HeldEvent<S> {
  signal: S;
  /** It released the wait and walked back in: the wait restarted from `at` (ms). */
  loop: boolean;
  at: number;
}

const MAX_WALK = 32;

/** Where a releasing event's pass goes from `id`: back into `waitId` with no side effect on the way, per score band, or not. */
function follow(index: DefinitionIndex, state: InterpreterState, waitId: string, id: string | null, hops: number, allowBranch: boolean): ParkSpec['loop'] {
  if (id === null || hops > MAX_WALK) return 'never';
  if (id === waitId) return 'always';
  const node: JourneyNode = index.node(id);
  // An email this run already sent once-per-lead is skipped: the pass records it and moves on.
  if (node.kind === 'send_email' && node.config.oncePerLead && state.sentNodes.includes(node.id)) return follow(index, state, waitId, index.target(id, 'next'), hops + 1, allowBranch);
  if (node.kind === 'ab_split') {
    const v = pickVariant(state.leadId, node.id, node.config.variants) ?? node.config.variants[0];
    const mine = follow(index, state, waitId, index.target(id, v?.id ?? 'next'), hops + 1, allowBranch);
    // A winner may be declared while the run waits (ab-winner-routing): predict only what every arm getting leads agrees on.
    const arms = node.config.variants.filter((a) => a.weight > 0 && a.id !== v?.id);
    return arms.every((a) => JSON.stringify(follow(index, state, waitId, index.target(id, a.id), hops + 1, allowBranch)) === JSON.stringify(mine)) ? mine : 'never';
  }
  if (node.kind === 'score_branch' && allowBranch) {
    const ranges = node.config.ranges.map((r) => ({ min: r.min, max: r.max, loops: follow(index, state, waitId, index.target(id, r.output), hops + 1, false) === 'always' }));
    return ranges.some((r) => r.loops) ? { ranges } : 'never';
  }
  return 'never';
}

export function parkSpec(index: DefinitionIndex, state: InterpreterState, node: JourneyNode, visit: number): ParkSpec | null {
  if (node.kind === 'wait') return { nodeId: node.id, visit, releaseTypes: null, loop: 'never' };
  if (node.kind !== 'wait_for_event') return null;
  return { nodeId: node.id, visit, releaseTypes: [...node.config.eventTypes], loop: follow(index, state, node.id, index.target(node.id, 'event'), 0, true) };
}

/** Ingestion's side: would this event, with the lead's score after it, leave the parked run's path unchanged? */
export function absorbs(spec: ParkSpec, eventType: string, scoreAfter: number): { loop: boolean } | null {
  if (spec.releaseTypes === null) return { loop: false };
  if (spec.releaseTypes.length > 0 && !spec.releaseTypes.includes(eventType)) return { loop: false };
  if (spec.loop === 'always') return { loop: true };
  if (spec.loop === 'never') return null;
  const range = spec.loop.ranges.find((r) => (r.min === null || scoreAfter >= r.min) && (r.max === null || scoreAfter <= r.max));
  return range?.loops ? { loop: true } : null;
}
