/** The journey engine's public surface, shared by the Temporal workflow and the simulator. */
export { runJourney, MAX_HOPS_WITHOUT_WAIT, type RunOutcome } from './interpreter';
export { JourneyDefinitionError, JourneyLoopError, type JourneyRuntime } from './runtime';
export {
  applyLeadEvent,
  createInitialState,
  isInterpreterState,
  type InterpreterState,
  type NewStateInput,
  type Resume,
} from './state';
export { capOpensAt } from './nodes/email';
export { AB_HOLDOUT, AB_WINNER_ROUTING, CHANNELS_TASK_QUEUE, GOAL_EXIT, HANDOFF_SALES_QUEUE, ONE_BOOKKEEPING_WRITE, PARK_NOOP_EVENTS, PENDING_EVENTS_RELEASE_WAIT, RECORD_RUN_FAILURE, SLA_CHANNEL_ACTIVITIES, STEP_RECORDS_POSITION, UPDATE_LEAD_GOAL } from './patches';
export { goalStep } from './nodes/actions';
export type { StepPhase } from './nodes/context';
export { absorbs, parkSpec, type HeldEvent, type ParkRange, type ParkSpec } from './park';
