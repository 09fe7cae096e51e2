/** The journey definition: the versioned, validated contract between the canvas, the compiler and the interpreter workflow. */
import { z } from 'zod';

export const JOURNEY_SCHEMA_VERSION = 1;

export const durationSchema = z.object({
  amount: z.number().positive(),
  unit: z.enum(['minutes', 'hours', 'days']),
});
export type Duration = z.infer<typeof durationSchema>;

export { durationMs } from './duration';

const id = z.string().min(1).max(100);

/** A score range is inclusive at both ends; null means open-ended. */
export const scoreRangeSchema = z.object({
  output: id,
  label: z.string().max(100).default(''),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
});

export const conditionRuleSchema = z.object({
  /** `lead.<column>` (e.g. lead.jobTitle), `attr.<property>`, `last_action`, `lifecycle`, `stage`, `score`, `tags`. */
  field: z.string().min(1),
  op: z.enum(['eq', 'neq', 'contains', 'gte', 'lte', 'in', 'exists']),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
});

export const emailVariantSchema = z.object({
  id,
  weight: z.number().int().min(0).max(100),
  subject: z.string().max(200).optional(),
  /** Overrides the template's copy key for the body; absent means the template's own copy. */
  template: z.string().optional(),
});

/** never: a lead enters once; after: again N days after its last entry; always: again each time. Never while still in it. */
export const reentrySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('never') }),
  z.object({ mode: z.literal('after'), days: z.number().int().min(1).max(3650) }),
  z.object({ mode: z.literal('always') }),
]);
export type Reentry = z.infer<typeof reentrySchema>;

/** The journey's goal: a lead that books a demo or becomes an opportunity, say, has converted and leaves at once. */
export const goalSchema = z.discriminatedUnion('on', [
  z.object({ on: z.literal('event'), eventType: z.string().min(1), label: z.string().max(120).default('') }),
  z.object({ on: z.literal('lead'), match: z.enum(['all', 'any']).default('all'), rules: z.array(conditionRuleSchema).min(1), label: z.string().max(120).default('') }),
]);
export type Goal = z.infer<typeof goalSchema>;

/** Who may enter, how often, against which other journeys, and what counts as done; decided at enrolment. */
const enrolmentFields = {
  /** Lead fields, score, stage, source the lead must match when the trigger fires; none means everyone. */
  entry: z.object({ match: z.enum(['all', 'any']).default('all'), rules: z.array(conditionRuleSchema).min(1) }).optional(),
  /** Absent means never. */
  reentry: reentrySchema.optional(),
  /** Journeys sharing a group: a lead is in at most one of them at a time; the lowest priority number wins a tie. */
  priorityGroup: z.string().trim().max(60).optional(),
  /** Absent means 100. */
  priority: z.number().int().min(1).max(999).optional(),
  goal: goalSchema.optional(),
};

export const triggerConfig = z.discriminatedUnion('on', [
  z.object({ on: z.literal('lead_captured'), ...enrolmentFields }),
  z.object({ on: z.literal('event'), eventType: z.string().min(1), ...enrolmentFields }),
]);
export type TriggerConfig = z.infer<typeof triggerConfig>;
export const DEFAULT_PRIORITY = 100;

export const nodeConfigs = {
  trigger: triggerConfig,
  score_branch: z.object({ ranges: z.array(scoreRangeSchema).min(1) }),
  condition: z.object({ match: z.enum(['all', 'any']).default('all'), rules: z.array(conditionRuleSchema).min(1) }),
  ab_split: z.object({
    variants: z.array(z.object({ id, label: z.string().default(''), weight: z.number().int().min(0).max(100) })).min(2).max(4),
  }),
  send_email: z.object({
    template: z.string(),
    variants: z.array(emailVariantSchema).max(4).default([]),
    oncePerLead: z.boolean().default(true),
    /** Send even when another journey mailed this lead the same template in the last 24 h (off: that lead skips this send). */
    repeatAcrossJourneys: z.boolean().optional(),
    /** Share of leads (%) that get no email here, the holdout arm sending is measured against; absent means none. */
    holdoutPercent: z.number().int().min(0).max(50).optional(),
  }),
  wait: z.object({ duration: durationSchema }),
  wait_for_event: z.object({ eventTypes: z.array(z.string()).default([]), timeout: durationSchema }),
  handoff: z.object({
    owner: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('round_robin') }),
      z.object({ mode: z.literal('fixed'), ownerId: z.string().min(1) }),
    ]),
    slaMinutes: z.number().positive().default(15),
    escalationMinutes: z.number().positive().default(30),
    reassignOnEscalation: z.boolean().default(false),
  }),
  update_lead: z.object({
    stage: z.enum(['cold', 'warm', 'engaged', 'hot']).optional(),
    lifecycle: z.enum(['lead', 'mql', 'sql', 'opportunity', 'customer']).optional(),
    addTags: z.array(z.string()).default([]),
  }),
  // Other schemes never leave the machine; the worker's outbound fetch also refuses private addresses and plain http.
  webhook: z.object({ url: z.string().url({ protocol: /^https?$/ }), method: z.enum(['POST', 'PUT']).default('POST') }),
  exit: z.object({ archive: z.boolean().default(false) }),
} as const;

export type NodeKind = keyof typeof nodeConfigs;
export const NODE_KINDS = Object.keys(nodeConfigs) as NodeKind[];
export type NodeConfig<K extends NodeKind> = z.infer<(typeof nodeConfigs)[K]>;

const nodeOf = <K extends NodeKind>(kind: K) =>
  z.object({ id, kind: z.literal(kind), label: z.string().max(120).default(''), config: nodeConfigs[kind] });

export const journeyNodeSchema = z.discriminatedUnion('kind', [
  nodeOf('trigger'),
  nodeOf('score_branch'),
  nodeOf('condition'),
  nodeOf('ab_split'),
  nodeOf('send_email'),
  nodeOf('wait'),
  nodeOf('wait_for_event'),
  nodeOf('handoff'),
  nodeOf('update_lead'),
  nodeOf('webhook'),
  nodeOf('exit'),
]);
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyNodeOf<K extends NodeKind> = Extract<JourneyNode, { kind: K }>;

export const journeyEdgeSchema = z.object({ id, source: id, output: z.string().min(1), target: id });
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;

export const journeyDefinitionSchema = z.object({
  schemaVersion: z.literal(JOURNEY_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  nodes: z.array(journeyNodeSchema).min(1),
  edges: z.array(journeyEdgeSchema),
});
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;

/** The named outputs of a node, in display order; edges leave a node from one of these. */
export function nodeOutputs(node: JourneyNode): string[] {
  switch (node.kind) {
    case 'score_branch':
      return node.config.ranges.map((r) => r.output);
    case 'condition':
      return ['true', 'false'];
    case 'ab_split':
      return node.config.variants.map((v) => v.id);
    case 'wait_for_event':
      return ['event', 'timeout'];
    case 'exit':
      return [];
    default:
      return ['next'];
  }
}

/** Event types whose positive points signal buying intent; a negative rule on one is the SPEC's −15 mistake. */
export const POSITIVE_INTENT_EVENTS = [
  'email_open',
  'email_click',
  'webinar_register',
  'download_whitepaper',
  'visit_pricing',
  'schedule_demo',
] as const;

export const BUILT_IN_EVENT_TYPES = [...POSITIVE_INTENT_EVENTS, 'unsubscribe', 'spam_complaint'] as const;
