/** Typed search attribute keys the journey workflow upserts; register them on every namespace the worker uses. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const LEAD_ID = defineSearchAttributeKey('LeadId', SearchAttributeType.KEYWORD);
export const JOURNEY_ID = defineSearchAttributeKey('JourneyId', SearchAttributeType.KEYWORD);
export const LEAD_STAGE = defineSearchAttributeKey('LeadStage', SearchAttributeType.KEYWORD);
export const LEAD_SCORE = defineSearchAttributeKey('LeadScore', SearchAttributeType.INT);
export const LEAD_HOT = defineSearchAttributeKey('LeadHot', SearchAttributeType.BOOL);

/** For `temporal server start-dev --search-attribute Name=Type` and the operator service. */
export const LEADFLOW_SEARCH_ATTRIBUTES = [LEAD_ID, JOURNEY_ID, LEAD_STAGE, LEAD_SCORE, LEAD_HOT] as const;
