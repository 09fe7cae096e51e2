/** Scoring rules as data marketers edit: the zod contract shared by the API, the rules editor and the engine, plus the SPEC's defaults. */
import { z } from 'zod';
import { text, type Text } from '../i18n/server-text';

/** Lead columns an attribute rule may test; anything else lives under `properties.<key>`. */
export const LEAD_FIELDS = ['jobTitle', 'company', 'companySize', 'source'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];
export type RuleField = LeadField | `properties.${string}`;

const ruleFieldSchema = z.union([
  z.enum(LEAD_FIELDS),
  z.custom<`properties.${string}`>((v) => typeof v === 'string' && /^properties\.[^.\s][^\s]*$/.test(v), {
    message: 'Use jobTitle, company, companySize, source or properties.<key>',
  }),
]);

export const RULE_OPS = ['eq', 'contains', 'gte', 'lte', 'in'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** `contains` and `in` accept a list so one fit rule can say "title contains director, vp or founder". */
export const ruleConditionSchema = z.object({
  field: ruleFieldSchema,
  op: z.enum(RULE_OPS),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
});
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const scoringRuleSchema = z
  .object({
    /** Database uuid; absent for rules not stored yet (the defaults, simulator drafts). */
    id: z.string().min(1).optional(),
    /** Stable human key for seeded defaults, so seeds and tests can find "first-email-open" without a uuid. */
    key: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(['event', 'attribute']),
    eventType: z.string().min(1).max(100).nullish(),
    condition: ruleConditionSchema.nullish(),
    points: z.number().int().min(-1000).max(1000),
    oncePerLead: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    if (rule.kind === 'event' && !rule.eventType) {
      ctx.addIssue({ code: 'custom', path: ['eventType'], message: 'An event rule needs the event type it scores' });
    }
    if (rule.kind === 'attribute' && !rule.condition) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'An attribute rule needs a condition on the lead' });
    }
  });
export type ScoringRule = z.infer<typeof scoringRuleSchema>;
export type ScoringRuleInput = z.input<typeof scoringRuleSchema>;

/** Plain names for built-in event types, used in rule editors and in messages to marketers. */
export const EVENT_TYPE_LABELS: Record<string, string> = {
  email_open: 'opening an email',
  email_click: 'clicking a link in an email',
  webinar_register: 'registering for a webinar',
  download_whitepaper: 'downloading a whitepaper',
  visit_pricing: 'visiting the pricing page',
  schedule_demo: 'scheduling a demo',
  unsubscribe: 'unsubscribing',
  spam_complaint: 'marking an email as spam',
};

export function eventTypeLabel(type: string): string {
  return EVENT_TYPE_LABELS[type] ?? `“${type}”`;
}

/** The same phrase as a message the UI words in the reader's language (settings.ruleWords.event). */
export const ruleEventText = (type: string): Text | string => (Object.hasOwn(EVENT_TYPE_LABELS, type) ? text(`settings.ruleWords.event.${type}`) : `“${type}”`);

/** Vietnamese buyer titles, accented and as typed without accents; "Phó giám đốc" and "Tổng giám đốc" match "giám đốc". Migration 0003 adds them to existing installs. */
export const VIETNAMESE_DECISION_MAKER_TITLES = ['giám đốc', 'giam doc', 'trưởng phòng', 'truong phong', 'trưởng ban', 'truong ban', 'chủ tịch', 'chu tich', 'nhà sáng lập', 'nha sang lap'];

/** Titles of people who can buy; matched case-insensitively as substrings ("SVP Sales" matches "vp"). */
export const DECISION_MAKER_TITLES = ['director', 'head', 'vp', 'chief', 'founder', ...VIETNAMESE_DECISION_MAKER_TITLES];

/** The SPEC's default rules: actions first, then fit, then the negatives that pull spam and opt-outs down. */
export const DEFAULT_SCORING_RULES: readonly ScoringRule[] = [
  { key: 'first-email-open', name: 'First email open', kind: 'event', eventType: 'email_open', points: 5, oncePerLead: true, active: true },
  { key: 'email-click', name: 'Clicked a link in an email', kind: 'event', eventType: 'email_click', points: 10, oncePerLead: false, active: true },
  { key: 'webinar-register', name: 'Registered for a webinar', kind: 'event', eventType: 'webinar_register', points: 20, oncePerLead: false, active: true },
  { key: 'download-whitepaper', name: 'Downloaded a whitepaper', kind: 'event', eventType: 'download_whitepaper', points: 15, oncePerLead: false, active: true },
  { key: 'visit-pricing', name: 'Visited the pricing page', kind: 'event', eventType: 'visit_pricing', points: 25, oncePerLead: false, active: true },
  { key: 'schedule-demo', name: 'Scheduled a demo', kind: 'event', eventType: 'schedule_demo', points: 30, oncePerLead: false, active: true },
  {
    key: 'fit-decision-maker',
    name: 'Job title is a decision maker',
    kind: 'attribute',
    condition: { field: 'jobTitle', op: 'contains', value: DECISION_MAKER_TITLES },
    points: 10,
    oncePerLead: false,
    active: true,
  },
  {
    key: 'fit-company-size',
    name: 'Company has 50+ employees',
    kind: 'attribute',
    condition: { field: 'companySize', op: 'gte', value: 50 },
    points: 5,
    oncePerLead: false,
    active: true,
  },
  { key: 'unsubscribe', name: 'Unsubscribed', kind: 'event', eventType: 'unsubscribe', points: -20, oncePerLead: true, active: true },
  { key: 'spam-complaint', name: 'Spam complaint', kind: 'event', eventType: 'spam_complaint', points: -50, oncePerLead: true, active: true },
];
