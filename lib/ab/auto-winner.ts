/**
 * When to declare an A/B winner without a person: once the chosen sample (sends per variant) or date is reached, and
 * only if the verdict then names a significant winner and the split is not a sample-ratio mismatch; otherwise the
 * test keeps running and is looked at again later.
 */
import { english, text, type Text, type TextParam } from '@/lib/i18n/server-text';
import { fixed, type Verdict } from './verdict';

export interface AutoWinnerRule {
  /** Declare once every variant has at least this many sent (or leads, for a split). */
  minPerVariant: number | null;
  /** Or once this moment has passed (ISO). */
  decideAfter: string | null;
}

/** `reason` is English (logs, the workflow's result); `reasonText` the same sentence as a key with params for the panel. */
export type AutoWinnerDecision =
  | { action: 'declare'; variant: string; reason: string; reasonText: Text }
  | { action: 'wait'; reason: string; reasonText: Text; recheckInMs: number };

/** A reason the runner stores and shows: its key with params, and its English. */
export const autoWinnerReason = (key: string, params?: Record<string, TextParam>) => {
  const reasonText = text(`serverText.autoWinner.${key}`, params);
  return { reason: english(reasonText), reasonText };
};

/** How often a watched test is looked at again while it waits for data or significance. */
export const RECHECK_MS = 3_600_000;

export function autoWinnerDecision(rule: AutoWinnerRule, verdict: Pick<Verdict, 'status' | 'winner' | 'pValue' | 'variants' | 'srm'>, now: Date): AutoWinnerDecision {
  const at = rule.decideAfter ? Date.parse(rule.decideAfter) : null;
  const sampled = rule.minPerVariant !== null && verdict.variants.length > 0 && verdict.variants.every((v) => v.sent >= rule.minPerVariant!);
  const dated = at !== null && now.getTime() >= at;
  if (!sampled && !dated) {
    const fewest = verdict.variants.length ? Math.min(...verdict.variants.map((v) => v.sent)) : 0;
    const sample = rule.minPerVariant !== null ? text('serverText.autoWinner.waitSample', { fewest: String(fewest), min: String(rule.minPerVariant) }) : null;
    const date = at !== null ? text('serverText.autoWinner.waitDate', { at: new Date(at).toISOString() }) : null;
    const waits: TextParam = sample && date ? text('serverText.autoWinner.either', { first: sample, second: date }) : (sample ?? date ?? '');
    return { action: 'wait', ...autoWinnerReason('waiting', { waits }), recheckInMs: at !== null ? Math.max(1_000, Math.min(RECHECK_MS, at - now.getTime())) : RECHECK_MS };
  }
  if (verdict.srm?.mismatch) return { action: 'wait', ...autoWinnerReason('srm'), recheckInMs: RECHECK_MS };
  const reached = text(sampled ? 'serverText.autoWinner.sampleReached' : 'serverText.autoWinner.dateReached');
  if (verdict.status === 'winner' && verdict.winner) {
    return { action: 'declare', variant: verdict.winner, ...autoWinnerReason('significant', { reached, p: fixed(verdict.pValue ?? 0, 4) }) };
  }
  const p = verdict.pValue !== null ? text('serverText.autoWinner.p', { p: fixed(verdict.pValue, 4) }) : '';
  return { action: 'wait', ...autoWinnerReason('notYet', { reached, p }), recheckInMs: RECHECK_MS };
}

const METRIC_WORDS = { opened: 'open rate', clicked: 'click rate', converted: 'goal conversion' } as const;

/** The record's one line: "Variant B won on click rate, 95 % confidence". */
export function autoWinnerSentence(w: { winner: string; metric: keyof typeof METRIC_WORDS; confidence: number }): string {
  return `Variant ${w.winner} won on ${METRIC_WORDS[w.metric]}, ${w.confidence} % confidence`;
}
