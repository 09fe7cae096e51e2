/** runJourney: walks a journey definition node by node against an abstract runtime, with no Temporal or Node dependency. */
import type { JourneyDefinition, JourneyNode } from '../definition';
import { indexDefinition, type DefinitionIndex } from './graph-index';
import { abSplit, condition, scoreBranch, trigger } from './nodes/branching';
import { exit, handoff, updateLead, webhook } from './nodes/actions';
import type { NodeContext, NodeResult, StepPhase } from './nodes/context';
import { sendEmail } from './nodes/email';
import { resumeWait, wait, waitForEvent } from './nodes/waits';
import { STEP_RECORDS_POSITION } from './patches';
import { JourneyLoopError, type JourneyRuntime } from './runtime';
import { pushPath, type InterpreterState } from './state';

export type RunOutcome = 'completed' | 'archived' | 'continue_as_new';

/** Node transitions allowed without a durable wait in between; far above any sane journey. */
export const MAX_HOPS_WITHOUT_WAIT = 1000;

function execute(ctx: NodeContext): Promise<NodeResult> {
  // Narrowing by kind keeps each handler typed to its own config.
  const { node } = ctx;
  switch (node.kind) {
    case 'trigger':
      return trigger({ ...ctx, node });
    case 'score_branch':
      return scoreBranch({ ...ctx, node });
    case 'condition':
      return condition({ ...ctx, node });
    case 'ab_split':
      return abSplit({ ...ctx, node });
    case 'send_email':
      return sendEmail({ ...ctx, node });
    case 'wait':
      return wait({ ...ctx, node });
    case 'wait_for_event':
      return waitForEvent({ ...ctx, node });
    case 'handoff':
      return handoff({ ...ctx, node });
    case 'update_lead':
      return updateLead({ ...ctx, node });
    case 'webhook':
      return webhook({ ...ctx, node });
    case 'exit':
      return exit({ ...ctx, node });
  }
}

function contextFor(rt: JourneyRuntime, state: InterpreterState, node: JourneyNode, index?: DefinitionIndex): NodeContext {
  const visit = state.visits[node.id] ?? 0;
  return {
    rt,
    state,
    node,
    index,
    visit,
    key: `${state.workflowId}:${node.id}:${visit}`,
    record: (phase: StepPhase, detail: Record<string, unknown> = {}) =>
      rt.activities.recordStep({
        workflowId: state.workflowId,
        leadId: state.leadId,
        journeyId: state.journeyId,
        journeyVersion: state.journeyVersion,
        nodeId: node.id,
        kind: node.kind,
        visit,
        detail: { phase, at: new Date(rt.now()).toISOString(), ...detail },
      }),
  };
}

export { STEP_RECORDS_POSITION };

/** Marks a node as entered: a new visit, the path, the position mirror. */
async function enter(rt: JourneyRuntime, state: InterpreterState, node: JourneyNode, index: DefinitionIndex): Promise<NodeContext> {
  state.visits[node.id] = (state.visits[node.id] ?? 0) + 1;
  state.currentNode = node.id;
  pushPath(state, node.id, rt.now());
  rt.onPosition(node.id);
  // recordStep also mirrors the run's position now, which saves one activity per node; older histories replay the old call.
  if (!rt.patched(STEP_RECORDS_POSITION)) await rt.activities.syncRun({ workflowId: state.workflowId, currentNode: node.id, status: 'running' });
  return contextFor(rt, state, node, index);
}

async function finish(rt: JourneyRuntime, state: InterpreterState, outcome: 'completed' | 'archived'): Promise<RunOutcome> {
  state.status = outcome;
  state.resume = null;
  rt.onPosition(state.currentNode);
  await rt.activities.syncRun({ workflowId: state.workflowId, currentNode: state.currentNode, status: outcome });
  return outcome;
}

/**
 * Runs the journey from the state's resume point (or its trigger) until it ends or asks to
 * continue as new; in the latter case `state.resume` says where the next run picks up.
 */
export async function runJourney(rt: JourneyRuntime, def: JourneyDefinition, state: InterpreterState): Promise<RunOutcome> {
  const index = indexDefinition(def);
  let result: NodeResult;
  let current: JourneyNode;
  const resume = state.resume;
  state.resume = null;
  state.status = 'running';

  if (resume?.mode === 'wait') {
    // Same visit, same deadline: the wait was already recorded as entered by the previous run.
    current = index.node(resume.nodeId);
    state.currentNode = current.id;
    rt.onPosition(current.id);
    result = await resumeWait(contextFor(rt, state, current, index), resume);
  } else {
    current = index.node(resume?.nodeId ?? index.startNodeId);
    result = await execute(await enter(rt, state, current, index));
  }

  for (;;) {
    if ('continueAsNew' in result) return 'continue_as_new';
    if ('end' in result) return finish(rt, state, result.end);
    const nextId = index.target(current.id, result.output);
    if (nextId === null) return finish(rt, state, 'completed');
    if (rt.shouldContinueAsNew()) {
      state.resume = { mode: 'enter', nodeId: nextId };
      return 'continue_as_new';
    }
    state.hopsSinceWait += 1;
    if (state.hopsSinceWait > MAX_HOPS_WITHOUT_WAIT) {
      throw new JourneyLoopError(
        `journey "${def.name}" made ${MAX_HOPS_WITHOUT_WAIT} transitions without waiting (last at "${current.id}" → "${nextId}"): the definition loops`,
      );
    }
    current = index.node(nextId);
    result = await execute(await enter(rt, state, current, index));
  }
}
