/** What a node handler gets and returns: the runtime, the state, and this visit's identity. */
import type { JourneyNode, JourneyNodeOf, NodeKind } from '../../definition';
import type { JourneyRuntime } from '../runtime';
import type { DefinitionIndex } from '../graph-index';
import type { InterpreterState } from '../state';
import { AB_WINNER_ROUTING } from '../patches';

export interface NodeContext<N extends JourneyNode = JourneyNode> {
  rt: JourneyRuntime;
  state: InterpreterState;
  node: N;
  visit: number;
  /** The journey's graph, for a wait working out which events cannot change its path. */
  index?: DefinitionIndex;
  /** `${workflowId}:${nodeId}:${visit}`: stable across retries, worker restarts and continue-as-new. */
  key: string;
  /** Records a step for this visit; `phase` tells apart the several records one visit may make. */
  record(phase: StepPhase, detail?: Record<string, unknown>): Promise<void>;
}

/** entered/resolved bracket a wait, deferred precedes a capped email, done/failed close an action. */
export type StepPhase = 'entered' | 'resolved' | 'deferred' | 'done' | 'failed';

export type NodeResult = { output: string } | { end: 'completed' | 'archived' } | { continueAsNew: true };

export type NodeHandler<K extends NodeKind> = (ctx: NodeContext<JourneyNodeOf<K>>) => Promise<NodeResult>;

export const NEXT: NodeResult = { output: 'next' };

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The winner declared for this A/B node, which new leads get instead of their weighted pick; asked only while two or more variants still get leads. */
export async function declaredWinner<V extends { id: string; weight: number }>(ctx: NodeContext, variants: readonly V[]): Promise<V | null> {
  if (variants.filter((v) => v.weight > 0).length < 2 || !ctx.rt.activities.abWinner || !ctx.rt.patched(AB_WINNER_ROUTING)) return null;
  const { variantId } = await ctx.rt.activities.abWinner({ journeyId: ctx.state.journeyId, nodeId: ctx.node.id });
  return variants.find((v) => v.id === variantId) ?? null;
}
