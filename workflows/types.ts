/** Inputs, signals and queries of Leadflow's workflows: the contract the API, the relay and the UI use. */
import type { JourneyDefinition } from '../lib/journey/definition';

export const LEAD_EVENT_SIGNAL = 'leadEvent';
export const ACKNOWLEDGE_SIGNAL = 'acknowledge';
export const JOURNEY_STATE_QUERY = 'journeyState';

export function journeyWorkflowId(leadId: string, journeyId: string): string {
  return `lead-${leadId}-journey-${journeyId}`;
}
export function handoffWorkflowId(leadId: string, handoffId: string): string {
  return `lead-${leadId}-handoff-${handoffId}`;
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
