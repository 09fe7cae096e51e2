/**
 * When to declare an A/B winner without a person: once the chosen sample (sends per variant) or date is reached, and
 * only if the verdict then names a significant winner and the split is not a sample-ratio mismatch; otherwise the
 * test keeps running and is looked at again later.
 */
import type { Verdict } from './verdict';

export interface AutoWinnerRule {
  /** Declare once every variant has at least this many sent (or leads, for a split). */
  minPerVariant: number | null;
  /** Or once this moment has passed (ISO). */
  decideAfter: string | null;
}

export type AutoWinnerDecision =
  | { action: 'declare'; variant: string; reason: string }
  | { action: 'wait'; reason: string; recheckInMs: number };

/** How often a watched test is looked at again while it waits for data or significance. */
export const RECHECK_MS = 3_600_000;

export function autoWinnerDecision(rule: AutoWinnerRule, verdict: Pick<Verdict, 'status' | 'winner' | 'pValue' | 'variants' | 'srm'>, now: Date): AutoWinnerDecision {
  const at = rule.decideAfter ? Date.parse(rule.decideAfter) : null;
  const sampled = rule.minPerVariant !== null && verdict.variants.length > 0 && verdict.variants.every((v) => v.sent >= rule.minPerVariant!);
  const dated = at !== null && now.getTime() >= at;
  if (!sampled && !dated) {
    const fewest = verdict.variants.length ? Math.min(...verdict.variants.map((v) => v.sent)) : 0;
    const waits = [rule.minPerVariant !== null && `${fewest} of ${rule.minPerVariant} per variant`, at !== null && `until ${new Date(at).toISOString()}`].filter(Boolean).join(' or ');
    return { action: 'wait', reason: `Waiting for the sample or date: ${waits}.`, recheckInMs: at !== null ? Math.max(1_000, Math.min(RECHECK_MS, at - now.getTime())) : RECHECK_MS };
  }
  if (verdict.srm?.mismatch) return { action: 'wait', reason: 'The split does not match the weights (sample-ratio mismatch): no winner is declared until that is fixed.', recheckInMs: RECHECK_MS };
  if (verdict.status === 'winner' && verdict.winner) {
    return { action: 'declare', variant: verdict.winner, reason: `${sampled ? 'Sample reached' : 'Date reached'} and the result is significant (p = ${(verdict.pValue ?? 0).toFixed(4)}).` };
  }
  return { action: 'wait', reason: `${sampled ? 'Sample reached' : 'Date reached'} but no significant winner yet${verdict.pValue !== null ? ` (p = ${verdict.pValue.toFixed(4)})` : ''}: the test keeps running.`, recheckInMs: RECHECK_MS };
}

const METRIC_WORDS = { opened: 'open rate', clicked: 'click rate', converted: 'goal conversion' } as const;

/** The record's one line: "Variant B won on click rate, 95 % confidence". */
export function autoWinnerSentence(w: { winner: string; metric: keyof typeof METRIC_WORDS; confidence: number }): string {
  return `Variant ${w.winner} won on ${METRIC_WORDS[w.metric]}, ${w.confidence} % confidence`;
}
