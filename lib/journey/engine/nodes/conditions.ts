/** Evaluation of condition-node rules against a loaded lead and the run's own view of score and stage. */
import { asNumber, normText } from '../../../compare';
import type { z } from 'zod';
import type { LeadSnapshot } from '../../contract';
import type { conditionRuleSchema } from '../../definition';
import type { InterpreterState } from '../state';

export type ConditionRule = z.infer<typeof conditionRuleSchema>;
/** What rules read from the run; enrolment passes the lead row's own values. */
export type RunView = Pick<InterpreterState, 'lastAction' | 'stage' | 'score'>;

/** Resolves a rule field; score, stage and last_action come from the run, which is fresher than the row. */
export function resolveField(field: string, lead: LeadSnapshot, state: RunView): unknown {
  if (field.startsWith('lead.')) return (lead as unknown as Record<string, unknown>)[field.slice(5)];
  if (field.startsWith('attr.')) return lead.properties[field.slice(5)];
  switch (field) {
    case 'last_action':
      return state.lastAction ?? lead.lastAction;
    case 'lifecycle':
      return lead.lifecycle;
    case 'stage':
      return state.stage;
    case 'score':
      return state.score;
    case 'tags':
      return lead.tags;
    case 'source':
      return lead.source;
    default:
      return undefined;
  }
}

const norm = normText;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Marketers type values by hand, so equality ignores case and surrounding spaces, and "50" equals 50. */
function equals(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((a) => equals(a, expected));
  const an = asNumber(actual);
  const en = asNumber(expected);
  if (an !== null && en !== null) return an === en;
  return !isEmpty(actual) && norm(actual) === norm(expected);
}

export function evaluateRule(rule: ConditionRule, lead: LeadSnapshot, state: RunView): boolean {
  const actual = resolveField(rule.field, lead, state);
  const expected = rule.value;
  switch (rule.op) {
    case 'eq':
      return equals(actual, expected);
    case 'neq':
      return !equals(actual, expected);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((a) => equals(a, expected));
      return !isEmpty(actual) && norm(actual).includes(norm(expected));
    case 'gte':
    case 'lte': {
      const a = asNumber(actual);
      const e = asNumber(expected);
      if (a === null || e === null) return false;
      return rule.op === 'gte' ? a >= e : a <= e;
    }
    case 'in': {
      const options = Array.isArray(expected) ? expected : [expected];
      return options.some((o) => equals(actual, o));
    }
    case 'exists':
      // `value: false` asks for absence.
      return expected === false ? isEmpty(actual) : !isEmpty(actual);
  }
}

export function evaluateRules(match: 'all' | 'any', rules: readonly ConditionRule[], lead: LeadSnapshot, state: RunView): boolean {
  return match === 'all' ? rules.every((r) => evaluateRule(r, lead, state)) : rules.some((r) => evaluateRule(r, lead, state));
}
