/** What a marketer may test in a trigger's entry conditions and goal: the fields, their tests, value checks, and goals in words. */
import { z } from 'zod';
import type { ConditionRule } from './engine/nodes/conditions';
import type { Goal, TriggerConfig } from './definition';
import { eventText } from './words';
import { stageWord } from './step-sentence';
import { english, text as message, type Text, type TextParam } from '../i18n/server-text';

export const SCORE_STAGES = ['cold', 'warm', 'engaged', 'hot'] as const;
/** In funnel order: a goal "reached SQL" is met by any later stage too. */
export const LIFECYCLE_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;

type Kind = 'number' | 'choice' | 'text' | 'list';
interface FieldSpec {
  kind: Kind;
  options?: readonly string[];
}

/** The lead facts enrolment can read (lib/journey/engine/nodes/conditions.ts resolves them); `attr.<name>` is any custom field. */
export const ENROLMENT_FIELDS = {
  score: { kind: 'number' },
  stage: { kind: 'choice', options: SCORE_STAGES },
  lifecycle: { kind: 'choice', options: LIFECYCLE_STAGES },
  source: { kind: 'text' },
  'lead.jobTitle': { kind: 'text' },
  'lead.company': { kind: 'text' },
  'lead.companySize': { kind: 'number' },
  tags: { kind: 'list' },
  last_action: { kind: 'text' },
} as const satisfies Record<string, FieldSpec>;
export type EnrolmentField = keyof typeof ENROLMENT_FIELDS;
export const CUSTOM_FIELD = 'attr.';

export type RuleOp = ConditionRule['op'];
/** The tests offered per kind of field, in the order the select lists them. */
export const OPS_BY_KIND: Record<Kind, readonly RuleOp[]> = {
  number: ['gte', 'lte', 'eq', 'neq'],
  choice: ['eq', 'neq', 'in'],
  text: ['eq', 'neq', 'contains', 'in', 'exists'],
  list: ['contains', 'exists'],
};

export function fieldSpec(field: string): FieldSpec | null {
  if (Object.hasOwn(ENROLMENT_FIELDS, field)) return ENROLMENT_FIELDS[field as EnrolmentField];
  if (field.startsWith(CUSTOM_FIELD)) return { kind: 'text' };
  return null;
}

/** What is wrong with one rule, as a code the panel translates and the compiler says in English. */
export type RuleIssue = 'unknown_field' | 'custom_name' | 'op' | 'number' | 'choice' | 'text' | 'list';

const customName = z.string().regex(/^attr\.[\w.-]{1,60}$/);
const text = z.string().trim().min(1).max(200);
const textList = z.array(text).min(1).max(50);

export function ruleIssue(rule: ConditionRule): RuleIssue | null {
  const spec = fieldSpec(rule.field);
  if (!spec) return 'unknown_field';
  if (rule.field.startsWith(CUSTOM_FIELD) && !customName.safeParse(rule.field).success) return 'custom_name';
  if (!OPS_BY_KIND[spec.kind].includes(rule.op)) return 'op';
  if (rule.op === 'exists') return null;
  if (spec.kind === 'number') return z.number().finite().safeParse(rule.value).success ? null : 'number';
  if (spec.kind === 'choice') {
    const one = z.enum(spec.options as [string, ...string[]]);
    return (rule.op === 'in' ? z.array(one).min(1) : one).safeParse(rule.value).success ? null : 'choice';
  }
  if (rule.op === 'in') return textList.safeParse(rule.value).success ? null : 'list';
  return text.safeParse(rule.value).success ? null : 'text';
}

const FIELD_WORDS: Record<EnrolmentField, string> = {
  score: 'Score',
  stage: 'Stage',
  lifecycle: 'Lifecycle stage',
  source: 'Source',
  'lead.jobTitle': 'Job title',
  'lead.company': 'Company',
  'lead.companySize': 'Company size',
  tags: 'Tags',
  last_action: 'Last action',
};

/** A lead field as a message the UI words in the reader's language ("Score", "custom field “plan”"). */
function fieldText(field: string): Text | string {
  if (Object.hasOwn(FIELD_WORDS, field)) return message(`serverText.leadField.${field.replace('.', '_')}`);
  return field.startsWith(CUSTOM_FIELD) ? message('serverText.leadField.custom', { name: field.slice(CUSTOM_FIELD.length) }) : field;
}

/** e.g. "entry condition 2 (Score) needs a number", for the compiler's problem list. */
const ruleIssueText = (where: 'entry' | 'goal', index: number, rule: ConditionRule, issue: RuleIssue): Text =>
  message('serverText.problem.condition', { where, n: String(index + 1), field: fieldText(rule.field), issue: message(`serverText.conditionIssue.${issue}`) });


/** A rule as a message: the field and test in the reader's language, the value as typed (a score stage by its word). */
export function ruleMessage(r: ConditionRule): Text {
  const field = fieldText(r.field);
  if (r.op === 'exists') return message(r.value === false ? 'serverText.rule.isNotSet' : 'serverText.rule.isSet', { field });
  const op = message(`serverText.rule.op.${r.op}`);
  const values = Array.isArray(r.value) ? r.value : r.value === undefined ? [] : [r.value];
  const word = (v: string | number | boolean): TextParam => (r.field === 'stage' && typeof v === 'string' ? stageWord(v) : String(v));
  if (values.length === 0 || (values.length === 1 && String(values[0]) === '')) return message('serverText.rule.testNoValue', { field, op });
  return message('serverText.rule.test', { field, op, value: values.map(word).reduceRight((rest, first) => message('serverText.diff.list', { first, rest })) });
}

export const ruleWords = (r: ConditionRule): string => english(ruleMessage(r));

/** Lifecycle stages from `from` on: "reached SQL" is met by an opportunity or a customer too. */
export const lifecycleFrom = (from: string): string[] => LIFECYCLE_STAGES.slice(Math.max(0, LIFECYCLE_STAGES.indexOf(from as (typeof LIFECYCLE_STAGES)[number])));
export const stageFrom = (from: string): string[] => SCORE_STAGES.slice(Math.max(0, SCORE_STAGES.indexOf(from as (typeof SCORE_STAGES)[number])));

/** The goal presets the panel offers; `custom` is any set of lead conditions. */
export type GoalPreset =
  | { preset: 'none' }
  | { preset: 'event'; eventType: string }
  | { preset: 'lifecycle'; from: string }
  | { preset: 'stage'; from: string }
  | { preset: 'custom' };

const sameList = (a: unknown, b: readonly string[]) => Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

/** Reads a stored goal back as the preset that wrote it. */
export function goalPreset(goal: Goal | undefined): GoalPreset {
  if (!goal) return { preset: 'none' };
  if (goal.on === 'event') return { preset: 'event', eventType: goal.eventType };
  const [only] = goal.rules;
  if (goal.rules.length === 1 && only && only.op === 'in' && Array.isArray(only.value) && only.value.length > 0) {
    const first = only.value[0]!;
    if (only.field === 'lifecycle' && sameList(only.value, lifecycleFrom(first))) return { preset: 'lifecycle', from: first };
    if (only.field === 'stage' && sameList(only.value, stageFrom(first))) return { preset: 'stage', from: first };
  }
  return { preset: 'custom' };
}

const LIFECYCLE_WORDS = new Set(LIFECYCLE_STAGES as readonly string[]);

/** The goal as a message, for the lead page, the overlay and the publish diff: "Booked a demo", "Became an opportunity"; a typed label as typed. */
export function goalMessage(goal: Goal): TextParam {
  if (goal.label?.trim()) return goal.label.trim();
  const p = goalPreset(goal);
  if (p.preset === 'event') return eventText(p.eventType);
  if (p.preset === 'lifecycle') return message('serverText.goal.became', { lifecycle: LIFECYCLE_WORDS.has(p.from) ? message(`serverText.goal.lifecycle.${p.from}`) : p.from });
  if (p.preset === 'stage') return message('serverText.goal.reachedStage', { stage: stageWord(p.from) });
  if (goal.on === 'event') return eventText(goal.eventType);
  const rules = goal.rules.map(ruleMessage);
  return rules.length ? rules.reduceRight((rest, first) => message(goal.match === 'any' ? 'serverText.goal.or' : 'serverText.goal.and', { first, rest })) : '';
}

/** The goal in English words, as API callers and the recorded goal exit read it. */
export const goalWords = (goal: Goal): string => english(goalMessage(goal));

/** Entry conditions and a lead goal's conditions that cannot work as written, each naming the condition and its field. */
export const enrolmentProblems = (t: TriggerConfig): string[] => enrolmentProblemTexts(t).map(english);

export function enrolmentProblemTexts(t: TriggerConfig): Text[] {
  const out: Text[] = [];
  for (const [i, r] of (t.entry?.rules ?? []).entries()) {
    const issue = ruleIssue(r);
    if (issue) out.push(ruleIssueText('entry', i, r, issue));
  }
  if (t.goal?.on === 'lead') {
    for (const [i, r] of t.goal.rules.entries()) {
      const issue = ruleIssue(r);
      if (issue) out.push(ruleIssueText('goal', i, r, issue));
    }
  }
  if (t.goal?.on === 'event' && t.on === 'event' && t.goal.eventType === t.eventType) out.push(message('serverText.problem.goalIsStart', { event: eventText(t.goal.eventType) }));
  return out;
}

/** Sets a trigger's priority group; clearing it drops the priority too, which means nothing without a group and would come back stale with the next group. */
export function withPriorityGroup<T extends TriggerConfig>(trigger: T, group: string): T {
  const next = { ...trigger };
  if (group.trim()) next.priorityGroup = group;
  else {
    delete next.priorityGroup;
    delete next.priority;
  }
  return next;
}
