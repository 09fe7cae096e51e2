/** The activities the workflows call; implemented in worker/activities, faked in workflow tests. */
import type { Stage } from '../../workflows/types';

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
  /** The lead's marketing-email cap across all journeys, with the run's clock (ISO); absent means no cap check. */
  cap?: { maxPer24h: number; now: string };
}

export type SendEmailResult =
  | { status: 'sent'; messageId: string; providerId: string }
  | { status: 'skipped'; reason: 'suppressed' | 'unsubscribed' | 'archived' | 'already_sent' }
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
  updateLead(input: { leadId: string; stage?: Stage; lifecycle?: string; addTags?: string[]; archive?: boolean }): Promise<void>;
  callWebhook(input: { url: string; method: 'POST' | 'PUT'; idempotencyKey: string; body: Record<string, unknown> }): Promise<{ status: number }>;
  /** Mirrors the run's position into Postgres for the lead page and the canvas overlay. */
  syncRun(input: { workflowId: string; currentNode: string | null; status: 'running' | 'completed' | 'archived' }): Promise<void>;
}

export interface HandoffActivities {
  /** Returns acknowledged=true (and sends nothing) when the owner already acknowledged in the database. */
  remindHandoff(input: { handoffId: string }): Promise<{ acknowledged: boolean }>;
  escalateHandoff(input: { handoffId: string; reassign: boolean }): Promise<{ acknowledged: boolean; newOwnerId: string | null }>;
  recordAcknowledged(input: { handoffId: string; at: string }): Promise<void>;
}

export type Activities = JourneyActivities & HandoffActivities;
