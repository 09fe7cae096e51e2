/** Sanity checks on a rule set that catch scoring mistakes before they silently cost leads (the SPEC's −15 whitepaper story). */
import { POSITIVE_INTENT_EVENTS } from '../journey/definition';
import { eventTypeLabel, type ScoringRule } from './rules';

export interface RuleWarning {
  code: 'negative_intent_points';
  message: string;
  ruleId?: string;
  ruleKey?: string;
  ruleName: string;
  eventType: string;
  /** The rule's (negative) points, so a UI can word the warning in its own language. */
  points: number;
}

const POSITIVE_INTENT: ReadonlySet<string> = new Set(POSITIVE_INTENT_EVENTS);

/** Warns on active event rules that take points away for a buying signal; inactive rules cannot hurt anyone. */
export function ruleWarnings(rules: readonly ScoringRule[]): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  for (const rule of rules) {
    if (!rule.active || rule.kind !== 'event' || !rule.eventType || rule.points >= 0) continue;
    if (!POSITIVE_INTENT.has(rule.eventType)) continue;
    const w: RuleWarning = {
      code: 'negative_intent_points',
      ruleName: rule.name,
      eventType: rule.eventType,
      points: rule.points,
      message:
        `The scoring rule “${rule.name}” takes ${Math.abs(rule.points)} points away for ${eventTypeLabel(rule.eventType)}, ` +
        `which is a sign of buying interest. Leads doing it will never turn hot because of it. Did you mean +${Math.abs(rule.points)}?`,
    };
    if (rule.id) w.ruleId = rule.id;
    if (rule.key) w.ruleKey = rule.key;
    warnings.push(w);
  }
  return warnings;
}
