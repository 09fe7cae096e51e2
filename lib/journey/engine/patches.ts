/** Patch ids of running-logic changes, for `patched()`; each has recorded histories in workflows/histories. */

/** recordStep also mirrors the run's position (19ced10); older histories replay a syncRun per node. */
export const STEP_RECORDS_POSITION = 'step-records-position';
/** A wait_for_event counts events that landed while the run was busy (09efde8); older histories replay the old count. */
export const PENDING_EVENTS_RELEASE_WAIT = 'pending-events-release-wait';
/** The journey's hand-off SLA child runs on the sales task queue (the hot-lead lane); older histories started it on the journey's queue. */
export const HANDOFF_SALES_QUEUE = 'handoff-sales-queue';
/** The hand-off SLA notifies through one activity per channel (email, Slack, CRM); older histories replay the single notify activities. */
export const SLA_CHANNEL_ACTIVITIES = 'sla-channel-activities';
/** A workflow pass's step records and run position go to Postgres in one local activity before the run waits or calls out; older histories replay one recordStep per record. */
export const ONE_BOOKKEEPING_WRITE = 'one-bookkeeping-write';
/** A run that fails (a permanent activity error) writes status 'failed' and its reason first; older histories just fail. */
export const RECORD_RUN_FAILURE = 'record-run-failure';
/** A run waiting publishes what cannot change its path (park.ts); ingestion holds such events and the run applies them when it wakes. Older histories wait the old way. */
export const PARK_NOOP_EVENTS = 'park-noop-events';
/** A goalReached signal cancels the run's pass and the run ends there, recording the goal; older histories ignore the signal. */
export const GOAL_EXIT = 'goal-exit';
/** A send_email step with a holdout share keeps that share of leads from its email (counted as the holdout arm); older histories never had one. */
export const AB_HOLDOUT = 'ab-holdout';
/** A hand-off on the sales queue calls Slack and the CRM on its own channels queue; older histories call them on the sales queue. */
export const CHANNELS_TASK_QUEUE = 'channels-task-queue';
/** A journey's own update_lead step that meets the run's goal ends the run there, recording the goal; older histories carry on to the next step. */
export const UPDATE_LEAD_GOAL = 'update-lead-goal';
/** A/B nodes ask for a winner declared for them (the auto-winner runner) and send new leads there; older histories always pick by weight. */
export const AB_WINNER_ROUTING = 'ab-winner-routing';
