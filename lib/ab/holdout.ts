/**
 * A holdout arm: a share of leads that gets no email at the step. A no-email group can neither open nor click, so
 * the lift of sending is measured on conversions: each email arm against the holdout with a pooled two-proportion
 * z-test, two-sided, Bonferroni-split across arms like the verdict; each side needs MIN_PER_ARM leads first.
 */
import { english, text, type Text, type TextParam } from '@/lib/i18n/server-text';
import { twoProportionZTest } from './stats';
import { fixed, listText, MIN_PER_ARM, type VariantCounts } from './verdict';

export interface ArmLift {
  id: string;
  conversionRate: number | null;
  /** Conversion rate of the arm minus the holdout's, in absolute terms (0.03 = +3 points). */
  lift: number | null;
  relativeLift: number | null;
  pValue: number | null;
  significant: boolean;
}

export interface HoldoutComparison {
  percent: number;
  leads: number;
  converted: number;
  conversionRate: number | null;
  alpha: number;
  arms: ArmLift[];
  status: 'not_enough_data' | 'measured';
  /** English for API callers; `summaryText` is the same sentence as a key with params for the UI. */
  summary: string;
  summaryText: Text;
}

const rate = (x: number, n: number) => (n > 0 ? x / n : null);
const ho = (key: string, params?: Record<string, TextParam>) => text(`serverText.holdout.${key}`, params);
const pts = (x: number) => ho(x >= 0 ? 'gain' : 'loss', { value: fixed(Math.abs(x * 100), 1) });

export function holdoutComparison(arms: readonly VariantCounts[], holdout: VariantCounts, percent: number, alpha = 0.05): HoldoutComparison {
  const adj = arms.length > 1 ? alpha / arms.length : alpha;
  const hRate = rate(holdout.converted, holdout.sent);
  const enough = holdout.sent >= MIN_PER_ARM && arms.every((a) => a.sent >= MIN_PER_ARM);
  const lifts: ArmLift[] = arms.map((a) => {
    const r = rate(a.converted, a.sent);
    const test = enough ? twoProportionZTest(holdout.converted, holdout.sent, a.converted, a.sent) : null;
    const lift = r === null || hRate === null ? null : r - hRate;
    return { id: a.id, conversionRate: r, lift, relativeLift: lift !== null && hRate ? lift / hRate : null, pValue: test?.pValue ?? null, significant: test !== null && test.pValue < adj };
  });
  const name = (id: string) => arms.find((a) => a.id === id)?.label || id;
  const status = enough ? 'measured' : 'not_enough_data';
  const summaryText = !enough
    ? ho('waiting', { percent, leads: String(holdout.sent), min: MIN_PER_ARM })
    : ho('measured', {
        percent,
        rate: fixed((hRate ?? 0) * 100, 1),
        arms: listText(
          lifts.map((l) => ho('arm', { name: name(l.id), lift: l.lift === null ? ho('na') : pts(l.lift), p: l.pValue === null ? '' : ho(l.significant ? 'pSignificant' : 'p', { p: fixed(l.pValue, 4) }) })),
          'serverText.holdout.list',
        ),
      });
  return { percent, leads: holdout.sent, converted: holdout.converted, conversionRate: hRate, alpha: adj, arms: lifts, status, summary: english(summaryText), summaryText };
}

/** Expected shares with a holdout: each arm's weight scaled into what the holdout leaves. */
export function weightsWithHoldout(weights: Readonly<Record<string, number>>, percent: number, holdoutId: string): Record<string, number> {
  const total = Object.values(weights).reduce((s, w) => s + w, 0) || 1;
  return { ...Object.fromEntries(Object.entries(weights).map(([id, w]) => [id, ((100 - percent) * w) / total])), [holdoutId]: percent };
}
