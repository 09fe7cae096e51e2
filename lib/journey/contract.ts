/** The contract between the API, the relay, the workflows and the worker: workflow inputs, signals, queries and activity signatures. */
import type { HeldEvent, ParkSpec } from './engine/park';
import type { JourneyDefinition } from './definition';

export const LEAD_EVENT_SIGNAL = 'leadEvent';
export const ACKNOWLEDGE_SIGNAL = 'acknowledge';
export const JOURNEY_STATE_QUERY = 'journeyState';

/** The first entry keeps the plain id (deep links, older runs); a re-entry adds its number, so its sends get fresh idempotency keys. */
export function journeyWorkflowId(leadId: string, journeyId: string, entry = 1): string {
  return entry <= 1 ? `lead-${leadId}-journey-${journeyId}` : `lead-${leadId}-journey-${journeyId}-entry-${entry}`;
}
/** Ingestion found the lead met the journey's goal: the run records the conversion's exit and ends at once. */
export const GOAL_REACHED_SIGNAL = 'goalReached';
export interface GoalReachedSignal {
  at: string;
  /** e.g. "Booked a demo" or "lifecycle eq opportunity". */
  reason: string;
}
/** What a journey's update_lead step changed for goals: its own run's goal when the update met it (histories before it recorded nothing). */
export interface UpdateLeadResult {
  goal?: GoalReachedSignal | null;
}
export function handoffWorkflowId(leadId: string, handoffId: string): string {
  return `lead-${leadId}-handoff-${handoffId}`;
}
/** Outbox rows with this signal name start the hand-off SLA workflow instead of signalling a journey run. */
export const START_HANDOFF_SLA = 'startHandoffSla';
/** A rep's next follow-up date: outbox rows with this signal signal-with-start the lead's follow-up reminder workflow. */
export const FOLLOW_UP_SIGNAL = 'followUpDate';
export function followUpWorkflowId(leadId: string): string {
  return `lead-${leadId}-follow-up`;
}
/** Sales notifications run on their own task queue and worker slots, so nurture traffic never queues ahead of them. */
export function salesTaskQueue(taskQueue: string): string {
  return `${taskQueue}-sales`;
}
/** Slack and CRM calls of hand-offs on a sales queue run on this queue: a receiver that hangs holds only its slots, never the owner's email or reminders. */
export function channelsTaskQueue(salesQueue: string): string {
  return `${salesQueue}-channels`;
}
/** Email blasts start on this queue: a separate, lower-priority worker process (worker/bulk-main.ts) renders and sends them, so bulk rendering never shares an event loop with the hot lane. */
export function bulkTaskQueue(taskQueue: string): string {
  return `${taskQueue}-bulk`;
}
/** Hand-off runs started on a journey queue (before the sales lane) keep their channels there: nobody polls a channels queue for it. */
export function isSalesTaskQueue(taskQueue: string): boolean {
  return taskQueue.endsWith('-sales');
}

export type Stage = 'cold' | 'warm' | 'engaged' | 'hot';

/** One lead event as the ingestion transaction scored it; `seq` orders events, `score` is the lead's score after it. */
export interface LeadEventSignal {
  eventId: string;
  type: string;
  occurredAt: string;
  seq: number;
  score: number;
  stage: Stage;
  isHot: boolean;
  properties: Record<string, unknown>;
  /** Ingestion took the run out of this parked wait when it sent the event: the run need not ask for held events. */
  unparked?: { nodeId: string; visit: number };
}

export interface JourneySettings {
  maxEmailsPer24h: number;
}

/** State that survives continue-as-new; the interpreter owns its shape. */
export type CarriedJourneyState = Record<string, unknown>;

export interface JourneyWorkflowInput {
  version: 1;
  leadId: string;
  journeyId: string;
  journeyVersion: number;
  definition: JourneyDefinition;
  settings: JourneySettings;
  carried?: CarriedJourneyState;
  /** Upsert LeadId/JourneyId/LeadStage/LeadScore/LeadHot; defaults to true. False where they are not registered. */
  searchAttributes?: boolean;
  /** Test knob: continue as new after this many lead events in one run (production relies on the server's suggestion). */
  continueAsNewAfterEvents?: number;
}

export interface JourneyStateView {
  status: 'running' | 'completed' | 'archived';
  currentNode: string | null;
  score: number;
  stage: Stage;
  journeyVersion: number;
  path: { nodeId: string; at: string }[];
}

export interface HandoffWorkflowInput {
  version: 1;
  handoffId: string;
  leadId: string;
  slaMinutes: number;
  escalationMinutes: number;
  reassignOnEscalation: boolean;
  /** True when started by POST /api/handoff: the workflow sends the owner's first notification itself. */
  notify?: boolean;
}

export interface AcknowledgeSignal {
  at: string;
  by?: string;
}

// The activities the workflows call; implemented in worker/activities, faked in workflow tests.
export interface StepInput {
  workflowId: string;
  leadId: string;
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  kind: string;
  visit: number;
  detail: Record<string, unknown>;
}

export interface LeadSnapshot {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  companySize: number | null;
  properties: Record<string, unknown>;
  score: number;
  stage: Stage;
  lifecycle: string;
  lastAction: string | null;
  tags: string[];
  archived: boolean;
  /** Where the lead first came from (facebook_ads, webinar, api…); absent in snapshots taken before it was carried. */
  source?: string;
}

export interface SendEmailInput {
  /** workflowId:nodeId:visit — stable across retries and continue-as-new, never the run id. */
  idempotencyKey: string;
  workflowId: string;
  leadId: string;
  nodeId: string;
  template: string;
  variant: { id: string; subject?: string; template?: string } | null;
  kind: 'marketing' | 'sales';
  /** The step allows mailing a template another journey sent this lead within 24 h; absent means it does not. */
  allowRepeat?: boolean;
  /** The lead's marketing-email cap across all journeys, with the run's clock (ISO); absent means no cap check. */
  cap?: { maxPer24h: number; now: string };
}

export type SendEmailResult =
  | { status: 'sent'; messageId: string; providerId: string }
  /** duplicate_template: another journey mailed this lead the same template in the last 24 h. */
  | { status: 'skipped'; reason: 'suppressed' | 'unsubscribed' | 'archived' | 'already_sent' | 'duplicate_template' }
  /** Other journeys already sent the lead its allowance: try again at `until`, when the oldest leaves the 24 h window. */
  | { status: 'deferred'; until: string };

export interface StartHandoffInput {
  requestKey: string;
  leadId: string;
  workflowId: string;
  reason: string;
  owner: { mode: 'round_robin' } | { mode: 'fixed'; ownerId: string };
  slaMinutes: number;
  escalationMinutes: number;
}

export interface JourneyActivities {
  recordStep(input: StepInput): Promise<void>;
  loadLead(input: { leadId: string }): Promise<LeadSnapshot>;
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
  /** Creates the hand-off (idempotent on requestKey), assigns the owner, marks the lead SQL and notifies. */
  startHandoff(input: StartHandoffInput): Promise<{ handoffId: string; ownerId: string; created: boolean }>;
  /** `workflowId`: the run making the change; when the change meets that run's own goal, the goal comes back so the run exits there. */
  updateLead(input: { leadId: string; workflowId?: string; stage?: Stage; lifecycle?: string; addTags?: string[]; archive?: boolean }): Promise<UpdateLeadResult>;
  callWebhook(input: { url: string; method: 'POST' | 'PUT'; idempotencyKey: string; body: Record<string, unknown> }): Promise<{ status: number }>;
  /** Mirrors the run's position into Postgres for the lead page and the canvas overlay. */
  syncRun(input: { workflowId: string; currentNode: string | null; status: 'running' | 'completed' | 'archived' | 'failed'; reason?: string }): Promise<void>;
  /** The winner declared for this A/B node (any version), which new leads there get; null while the test runs. Absent in the simulator. */
  abWinner?(input: { journeyId: string; nodeId: string }): Promise<{ variantId: string | null }>;
}

export type HandoffNotificationKind = 'assigned' | 'reminder' | 'escalation';
export type HandoffChannel = 'email' | 'slack' | 'crm';

/** One channel's outcome for one notification, kept on the hand-off (e.g. "Slack: rejected 403 at 10:42"). */
export interface HandoffChannelEntry {
  kind: HandoffNotificationKind;
  channel: HandoffChannel;
  status: 'sent' | 'skipped' | 'failed';
  at: string;
  detail?: string;
}

export interface NotifyChannelInput {
  handoffId: string;
  kind: HandoffNotificationKind;
  channel: HandoffChannel;
  /** `${workflowId}:${kind}:${channel}`: the workflow's identity and step, the same on every attempt. */
  idempotencyKey: string;
}

export interface HandoffActivities {
  /** Returns acknowledged=true (and sends nothing) when the owner already acknowledged in the database. */
  remindHandoff(input: { handoffId: string }): Promise<{ acknowledged: boolean }>;
  escalateHandoff(input: { handoffId: string; reassign: boolean }): Promise<{ acknowledged: boolean; newOwnerId: string | null }>;
  recordAcknowledged(input: { handoffId: string; at: string }): Promise<void>;
  /** True when the owner already acknowledged in the database (e.g. in the CRM or on the lead page). */
  handoffAcknowledged(input: { handoffId: string }): Promise<boolean>;
  /** One notification on one channel; throws non-retryable for a permanent refusal (a Slack 403). */
  notifyHandoffChannel(input: NotifyChannelInput): Promise<HandoffChannelEntry>;
  /** Appends a channel's failure (after its retries) to the hand-off. */
  recordHandoffChannel(input: { handoffId: string; entry: HandoffChannelEntry }): Promise<void>;
  /** Marks the reminder step on the hand-off (time, count); sends nothing. */
  markHandoffReminded(input: { handoffId: string }): Promise<void>;
  /** Marks the hand-off escalated and, when asked, moves it to the next owner; sends nothing. */
  reassignHandoff(input: { handoffId: string; reassign: boolean }): Promise<{ newOwnerId: string | null }>;
}

/** The date a rep set (ISO), or null when it was cleared; the latest signal wins. */
export interface FollowUpSignal {
  dueAt: string | null;
}

export interface FollowUpWorkflowInput {
  version: 1;
  leadId: string;
  /** Carried across continue-as-new; a fresh run learns its date from the signal that starts it. */
  dueAt?: string | null;
}

export type FollowUpReminder = { status: 'sent'; to: string } | { status: 'skipped'; reason: 'date_changed' | 'already_reminded' | 'no_owner' | 'lead_gone' };

export interface FollowUpActivities {
  /** Mails the lead's owner when the lead still has this follow-up date and nobody was reminded of it; marks it reminded. */
  remindFollowUp(input: { leadId: string; dueAt: string; idempotencyKey: string }): Promise<FollowUpReminder>;
}


/** A workflow pass's step records written at once, with the run's position: one round trip where there were four. */
export interface RecordStepsInput {
  workflowId: string;
  steps: StepInput[];
  /** The run's status and position; absent means running at the last step's node. */
  run?: { currentNode: string | null; status: 'running' | 'completed' | 'archived' };
  /** The run parks in a wait: from this commit on, ingestion may hold events that cannot change its path. */
  park?: ParkSpec;
}

/** Worker-side bookkeeping beside the interpreter's activities (the simulator has no use for it). */
export interface BookkeepingActivities {
  recordSteps(input: RecordStepsInput): Promise<void>;
  /** Leaves a parked wait: no more holding; returns the events held meanwhile, oldest first (`at` in ms). */
  unpark(input: { workflowId: string; nodeId: string; visit: number }): Promise<HeldEvent<LeadEventSignal>[]>;
}

/** The auto-winner runner (one workflow per A/B node set to pick its winner): woken by a timer or by a changed setting. */
export const AB_AUTO_WINNER_SIGNAL = 'abAutoWinnerChanged';
export function abAutoWinnerWorkflowId(journeyId: string, nodeId: string): string {
  return `ab-${journeyId}-${nodeId}-auto-winner`;
}
export interface AbAutoWinnerWorkflowInput {
  version: 1;
  journeyId: string;
  nodeId: string;
}
/** One look at the test: stop (declared, turned off, gone) or look again after `recheckInMs`. */
export type AbAutoWinnerCheck = { action: 'declared'; variantId: string } | { action: 'stop'; reason: string } | { action: 'wait'; reason: string; recheckInMs: number };
export interface AbAutoWinnerActivities {
  /** Reads the rule and the live counts, asks lib/ab/auto-winner, and on 'declare' records the winner and its audit row in one transaction. */
  checkAutoWinner(input: { journeyId: string; nodeId: string; /** The workflow's clock (ISO): a date rule is judged on it, and it stamps the declaration. */ now: string }): Promise<AbAutoWinnerCheck>;
}

export type Activities = JourneyActivities & BookkeepingActivities & HandoffActivities & FollowUpActivities & AbAutoWinnerActivities;

/** CSV import (issue 14): one workflow per run walks the stored chunks; results live in Postgres so a closed tab loses nothing. */
export type CsvImportMode = 'dry_run' | 'import';
export interface CsvImportInput {
  importId: string;
  mode: CsvImportMode;
  chunkCount: number;
  /** Where a continued-as-new run picks up. */
  fromChunk?: number;
}
export interface CsvImportActivities {
  importChunk(input: { importId: string; idx: number; mode: CsvImportMode }): Promise<{ created: number; merged: number; failed: number }>;
  finishImport(input: { importId: string; mode: CsvImportMode; error?: string }): Promise<void>;
}

/** A one-off send of one template to every lead matching an audience (a broadcast), in provider batches of 100. */
export function blastWorkflowId(blastId: string): string {
  return `blast-${blastId}`;
}
/** Who a blast goes to: leads captured up to its start, not archived or unsubscribed, matching every field given. */
export interface BlastAudience {
  source?: string;
  stage?: Stage;
  tag?: string;
  /** Leads mailed in this language ('en' | 'vi'). */
  language?: string;
  /** Fixed when the blast starts: the org's default email language is `language`, so leads without one of their own count too. */
  unsetLanguage?: boolean;
}
export interface BlastTotals {
  sent: number;
  /** Unsubscribed, suppressed or archived since, or mailed this template by a journey within 24 h. */
  skipped: number;
  /** At the lead's marketing-email limit for the last 24 h: not sent by this blast. */
  overLimit: number;
  /** Refused by the provider one by one (e.g. an address it will not take). */
  failed: number;
}
export interface BlastInput {
  blastId: string;
  template: string;
  audience: BlastAudience;
  /** ISO: leads captured after it are not in the audience, so every page and retry sees the same leads. */
  startedAt: string;
  /** Where a continued-as-new run picks up (keyset on lead id). */
  afterLeadId?: string;
  totals?: BlastTotals;
}
export interface BlastPageInput {
  blastId: string;
  template: string;
  audience: BlastAudience;
  startedAt: string;
  afterLeadId?: string;
  limit: number;
}
export interface BlastActivities {
  /** Sends the next `limit` leads of the audience after `afterLeadId`; lastLeadId is null when none were left. */
  sendBlastPage(input: BlastPageInput): Promise<BlastTotals & { lastLeadId: string | null }>;
}
