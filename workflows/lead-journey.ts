/** The generic interpreter workflow: one run per lead and journey, executing the stored definition passed in as input. */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  isCancellation,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  startChild,
  TemporalFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { BookkeepingActivities, JourneyActivities, StepInput } from '../lib/journey/contract';
import type { ParkSpec } from '../lib/journey/engine';
import { applyLeadEvent, createInitialState, GOAL_EXIT, goalStep, HANDOFF_SALES_QUEUE, isInterpreterState, ONE_BOOKKEEPING_WRITE, RECORD_RUN_FAILURE, runJourney, type InterpreterState, type JourneyRuntime } from '../lib/journey/engine';
import { handoffSlaWorkflow } from './handoff-sla';
import { JOURNEY_ID, LEAD_HOT, LEAD_ID, LEAD_SCORE, LEAD_STAGE } from './search-attributes';
import {
  handoffWorkflowId,
  JOURNEY_STATE_QUERY,
  salesTaskQueue,
  GOAL_REACHED_SIGNAL,
  LEAD_EVENT_SIGNAL,
  type CarriedJourneyState,
  type GoalReachedSignal,
  type HandoffWorkflowInput,
  type JourneyStateView,
  type JourneyWorkflowInput,
  type LeadEventSignal,
} from '../lib/journey/contract';

export const leadEventSignal = defineSignal<[LeadEventSignal]>(LEAD_EVENT_SIGNAL);
export const goalReachedSignal = defineSignal<[GoalReachedSignal]>(GOAL_REACHED_SIGNAL);
export const journeyStateQuery = defineQuery<JourneyStateView>(JOURNEY_STATE_QUERY);
/** The raw interpreter state (visits, dedupe ring, email log, resume point), for ops debugging a run and for tests. */
export const journeyInternalsQuery = defineQuery<InterpreterState>('journeyInternals');

export interface JourneyResult {
  status: 'completed' | 'archived';
  score: number;
  stage: InterpreterState['stage'];
  lastNode: string | null;
}

/** Backstop in case the server never suggests continue-as-new; well under the 50k-event hard limit. */
const HISTORY_EVENTS_LIMIT = 10_000;

// Bookkeeping and lead updates: Postgres writes that must land, so retry until they do.
// Activities throw ApplicationFailure.nonRetryable for permanent errors (e.g. an unknown lead).
const db = proxyActivities<Pick<JourneyActivities, 'recordStep' | 'syncRun' | 'loadLead' | 'updateLead' | 'startHandoff'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// Step bookkeeping runs at every node: as local activities it skips a server round trip each, most of a step's cost.
const local = proxyLocalActivities<Pick<JourneyActivities, 'recordStep' | 'syncRun' | 'loadLead'> & Required<Pick<JourneyActivities, 'abWinner'>> & BookkeepingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
/** Histories recorded before local bookkeeping replay with the old scheduled activities. */
const LOCAL_BOOKKEEPING = 'local-bookkeeping';
const bookkeeping = () => (patched(LOCAL_BOOKKEEPING) ? local : db);
// Provider calls: bounded retries, after which the node records a failed step and the journey goes on.
const mail = proxyActivities<Pick<JourneyActivities, 'sendEmail'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 8 },
});
const hooks = proxyActivities<Pick<JourneyActivities, 'callWebhook'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});

/**
 * The interpreter's activities for one run. Behind ONE_BOOKKEEPING_WRITE its step records are held and written
 * in one local activity (with the run's position) right before the run waits, calls out or ends; the lead page
 * still sees every step, and a task holds its worker slot through one write instead of four.
 */
function runActivities(workflowId: string) {
  let held: StepInput[] = [];
  let park: ParkSpec | undefined;
  const flush = async (): Promise<void> => {
    if (held.length === 0 && !park) return;
    const steps = held;
    const parking = park;
    held = [];
    park = undefined;
    await local.recordSteps({ workflowId, steps, ...(parking ? { park: parking } : {}) });
  };
  const activities: JourneyActivities = {
    recordStep: async (input) => {
      if (patched(ONE_BOOKKEEPING_WRITE)) {
        held.push(input);
        return;
      }
      await bookkeeping().recordStep(input);
    },
    syncRun: async (input) => {
      if (held.length === 0 || input.status === 'failed') return (await flush(), bookkeeping().syncRun(input));
      const steps = held;
      held = [];
      await local.recordSteps({ workflowId, steps, run: { currentNode: input.currentNode, status: input.status } });
    },
    loadLead: async (input) => (await flush(), bookkeeping().loadLead(input)),
    updateLead: async (input) => (await flush(), db.updateLead(input)),
    startHandoff: async (input) => (await flush(), db.startHandoff(input)),
    sendEmail: async (input) => (await flush(), mail.sendEmail(input)),
    callWebhook: async (input) => (await flush(), hooks.callWebhook(input)),
    // A one-row read: local, and the held step records can wait for the next write.
    abWinner: (input) => local.abWinner(input),
  };
  return { activities, flush, park: (spec: ParkSpec) => void (park = spec) };
}

function restoreState(input: JourneyWorkflowInput): InterpreterState {
  if (input.carried === undefined) {
    return createInitialState({
      workflowId: workflowInfo().workflowId,
      leadId: input.leadId,
      journeyId: input.journeyId,
      journeyVersion: input.journeyVersion,
      maxEmailsPer24h: input.settings.maxEmailsPer24h,
    });
  }
  if (!isInterpreterState(input.carried)) {
    throw ApplicationFailure.nonRetryable('carried journey state is malformed', 'CarriedStateError');
  }
  return input.carried;
}

function view(state: InterpreterState): JourneyStateView {
  return {
    status: state.status,
    currentNode: state.currentNode,
    score: state.score,
    stage: state.stage,
    journeyVersion: state.journeyVersion,
    path: state.path.map((p) => ({ nodeId: p.nodeId, at: new Date(p.at).toISOString() })),
  };
}

/** "NoOwner: no active sales owner…": the innermost cause, which names what went wrong, with its type. */
function failureReason(err: TemporalFailure): string {
  let inner: Error = err;
  while (inner.cause instanceof Error) inner = inner.cause;
  const type = inner instanceof ApplicationFailure && inner.type ? `${inner.type}: ` : '';
  return `${type}${inner.message}`.slice(0, 500);
}

export async function leadJourneyWorkflow(input: JourneyWorkflowInput): Promise<JourneyResult> {
  const state = restoreState(input);
  let eventsThisRun = 0;

  // Only upsert what changed: every upsert is a history event.
  let upserted: { stage: string; score: number; hot: boolean } | null = null;
  const syncSearchAttributes = () => {
    if (input.searchAttributes === false) return;
    if (upserted && upserted.stage === state.stage && upserted.score === state.score && upserted.hot === state.isHot) return;
    upsertSearchAttributes([
      { key: LEAD_ID, value: state.leadId },
      { key: JOURNEY_ID, value: state.journeyId },
      { key: LEAD_STAGE, value: state.stage },
      { key: LEAD_SCORE, value: Math.round(state.score) },
      { key: LEAD_HOT, value: state.isHot },
    ]);
    upserted = { stage: state.stage, score: state.score, hot: state.isHot };
  };

  // Handlers first, before any await: a signal-with-start's event must be applied before the first branch.
  let unparkedBy: string | null = null;
  setHandler(leadEventSignal, (signal) => {
    if (signal.unparked) unparkedBy = `${signal.unparked.nodeId}:${signal.unparked.visit}`;
    if (!applyLeadEvent(state, signal)) return;
    eventsThisRun += 1;
    syncSearchAttributes();
  });
  // The goal ends the run wherever it is (a wait, a send in flight): its pass is cancelled and the run records the goal.
  const pass = new CancellationScope();
  let goal: GoalReachedSignal | null = null;
  setHandler(goalReachedSignal, (signal) => {
    // state.visits.goal: the run's own update_lead step already met the goal and is ending the run.
    if (goal || state.visits.goal || !patched(GOAL_EXIT)) return;
    goal = signal;
    pass.cancel();
  });
  setHandler(journeyStateQuery, () => view(state));
  setHandler(journeyInternalsQuery, () => state);
  syncSearchAttributes();

  const { activities, flush, park } = runActivities(workflowInfo().workflowId);
  const rt: JourneyRuntime = {
    now: () => Date.now(),
    sleep: async (ms) => (await flush(), sleep(ms)),
    waitUntil: async (predicate, timeoutMs) => (await flush(), condition(predicate, timeoutMs)),
    activities,
    startHandoff: async (child: HandoffWorkflowInput) => {
      await flush();
      try {
        await startChild(handoffSlaWorkflow, {
          workflowId: handoffWorkflowId(child.leadId, child.handoffId),
          // Sales lane: the SLA's notification and reminders never queue behind nurture traffic.
          ...(patched(HANDOFF_SALES_QUEUE) ? { taskQueue: salesTaskQueue(workflowInfo().taskQueue) } : {}),
          args: [child],
          // The SLA must keep running after the journey exits right behind the hand-off node.
          parentClosePolicy: ParentClosePolicy.ABANDON,
          // One SLA per hand-off, ever: a replayed or repeated start must not remind twice.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },
    shouldContinueAsNew: () => {
      const info = workflowInfo();
      if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_LIMIT) return true;
      return input.continueAsNewAfterEvents !== undefined && eventsThisRun >= input.continueAsNewAfterEvents;
    },
    onPosition: () => syncSearchAttributes(),
    // Changing interpreter behaviour for running leads: wrap the new branch in the engine node that
    // changes (e.g. `if (rt.patched('email-cap-v2')) …` in nodes/email.ts) so histories recorded
    // before the change replay the old branch; deprecatePatch() it once no such run remains.
    patched: (patchId) => patched(patchId),
    park: (spec) => {
      unparkedBy = null;
      park(spec);
    },
    unpark: async (spec) => {
      // Ingestion already took the run out of this park when it sent the event that woke it: nothing is held.
      if (unparkedBy === `${spec.nodeId}:${spec.visit}`) return [];
      return local.unpark({ workflowId: state.workflowId, nodeId: spec.nodeId, visit: spec.visit });
    },
    isCancellation,
  };

  let outcome: Awaited<ReturnType<typeof runJourney>>;
  try {
    outcome = await pass.run(() => runJourney(rt, input.definition, state));
  } catch (err) {
    if (goal && isCancellation(err)) return exitOnGoal(state, goal, activities);
    // Definition bugs would fail the workflow task forever; fail the run instead so ops see it.
    const failure = err instanceof Error && (err.name === 'JourneyLoopError' || err.name === 'JourneyDefinitionError') ? ApplicationFailure.nonRetryable(err.message, err.name) : err;
    // Only a TemporalFailure fails the run (anything else retries the task): say so where the lead page and ops look.
    if (failure instanceof TemporalFailure && !isCancellation(failure) && patched(RECORD_RUN_FAILURE)) {
      await activities.syncRun({ workflowId: state.workflowId, currentNode: state.currentNode, status: 'failed', reason: failureReason(failure) });
    }
    throw failure;
  }

  if (outcome === 'continue_as_new') {
    await flush();
    await condition(allHandlersFinished);
    // Same input (definition, version, settings), plus the interpreter state with its resume point.
    return continueAsNew<typeof leadJourneyWorkflow>({ ...input, carried: state as unknown as CarriedJourneyState });
  }
  return { status: outcome, score: state.score, stage: state.stage, lastNode: state.currentNode };
}

/** Records the goal as the run's last step (the lead page and overlay say why it left) and ends the run completed. */
async function exitOnGoal(state: InterpreterState, goal: GoalReachedSignal, activities: JourneyActivities): Promise<JourneyResult> {
  state.status = 'completed';
  state.resume = null;
  await activities.recordStep(goalStep(state, goal));
  await activities.syncRun({ workflowId: state.workflowId, currentNode: state.currentNode, status: 'completed' });
  return { status: 'completed', score: state.score, stage: state.stage, lastNode: state.currentNode };
}
