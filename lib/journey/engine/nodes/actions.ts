/** Nodes with side effects beyond email: handoff, update_lead, webhook, exit. */
import type { GoalReachedSignal, StepInput } from '../../contract';
import { UPDATE_LEAD_GOAL } from '../patches';
import type { InterpreterState } from '../state';
import { NEXT, errorMessage, type NodeHandler } from './context';

export const handoff: NodeHandler<'handoff'> = async (ctx) => {
  const { rt, state, node } = ctx;
  const cfg = node.config;
  const reason = `Lead score ${state.score} (${state.stage}), last_action = '${state.lastAction ?? 'none'}'`;
  const created = await rt.activities.startHandoff({
    requestKey: ctx.key,
    leadId: state.leadId,
    workflowId: state.workflowId,
    reason,
    owner: cfg.owner,
    slaMinutes: cfg.slaMinutes,
    escalationMinutes: cfg.escalationMinutes,
  });
  await rt.startHandoff({
    version: 1,
    handoffId: created.handoffId,
    leadId: state.leadId,
    slaMinutes: cfg.slaMinutes,
    escalationMinutes: cfg.escalationMinutes,
    reassignOnEscalation: cfg.reassignOnEscalation,
    // The SLA workflow sends the first notification, so it is durable and retried like the reminders.
    notify: true,
  });
  await ctx.record('done', { handoffId: created.handoffId, ownerId: created.ownerId, created: created.created, reason, slaMinutes: cfg.slaMinutes });
  return NEXT;
};

/** The step a goal exit records: the lead page says "left <journey> — goal reached: …" from it, the overlay counts it. */
export function goalStep(state: InterpreterState, goal: GoalReachedSignal): StepInput {
  const visit = (state.visits.goal ?? 0) + 1;
  state.visits.goal = visit;
  const detail = { phase: 'done', at: goal.at, reason: goal.reason, from: state.currentNode };
  return { workflowId: state.workflowId, leadId: state.leadId, journeyId: state.journeyId, journeyVersion: state.journeyVersion, nodeId: 'goal', kind: 'goal', visit, detail };
}

export const updateLead: NodeHandler<'update_lead'> = async (ctx) => {
  const { rt, state, node } = ctx;
  const { stage, lifecycle, addTags } = node.config;
  const changed = await rt.activities.updateLead({ leadId: state.leadId, workflowId: state.workflowId, stage, lifecycle, addTags });
  // The run's stage follows the update until the next scored event says otherwise.
  if (stage) state.stage = stage;
  await ctx.record('done', { stage: stage ?? null, lifecycle: lifecycle ?? null, addTags });
  // The update met this journey's own goal: the lead leaves here, as a goal reached elsewhere would take it out.
  if (changed?.goal && rt.patched(UPDATE_LEAD_GOAL)) {
    await rt.activities.recordStep(goalStep(state, changed.goal));
    return { end: 'completed' };
  }
  return NEXT;
};

export const webhook: NodeHandler<'webhook'> = async (ctx) => {
  const { rt, state, node } = ctx;
  const body = {
    leadId: state.leadId,
    journeyId: state.journeyId,
    journeyVersion: state.journeyVersion,
    nodeId: node.id,
    score: state.score,
    stage: state.stage,
    lastAction: state.lastAction,
  };
  try {
    const res = await rt.activities.callWebhook({ url: node.config.url, method: node.config.method, idempotencyKey: ctx.key, body });
    await ctx.record('done', { url: node.config.url, status: res.status });
  } catch (err) {
    if (rt.isCancellation(err)) throw err;
    // The retry policy already outlasted a slow receiver; the journey goes on and the step shows why.
    await ctx.record('failed', { url: node.config.url, error: errorMessage(err) });
  }
  return NEXT;
};

export const exit: NodeHandler<'exit'> = async (ctx) => {
  const archive = ctx.node.config.archive;
  if (archive) await ctx.rt.activities.updateLead({ leadId: ctx.state.leadId, archive: true });
  await ctx.record('done', { archive });
  return { end: archive ? 'archived' : 'completed' };
};
