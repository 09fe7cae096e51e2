/**
 * The A/B verdict for one node's variants: rates per variant and whether the leader has won.
 *
 * Method (frequentist, chosen over a Bayesian chance-to-beat because a p-value and a required sample size are what
 * "is it significant yet, and how long until it is" needs): the variant with the best rate on the chosen metric
 * (per lead sent) is tested against every other variant with a pooled two-proportion z-test, two-sided. With more
 * than two variants the significance level is Bonferroni-split (alpha / (k − 1)) so three variants do not get three
 * chances to win by luck. A winner needs every comparison significant and enough data for the normal approximation
 * (each arm ≥ MIN_PER_ARM sent, and ≥ 5 expected successes and failures under the pooled rate).
 * "Still needed" comes from one figure: the per-arm size for 80 % power at 95 % confidence (Bonferroni-adjusted) to
 * detect the lift observed between the leader and its closest rival (or, with no lift yet, a minimum detectable
 * effect of +20 % relative to the rival's rate), never below MIN_PER_ARM; each arm's remainder is that minus its sends.
 * Sample-ratio mismatch: Pearson's chi-square of the arms' sends against the configured weights; p < SRM_ALPHA warns
 * that assignment or tracking is broken and the rates cannot be trusted.
 */
import { english, text, type Text, type TextParam } from '@/lib/i18n/server-text';
import { chiSquareGoodnessOfFit, sampleSizePerArm, twoProportionZTest } from './stats';

export type AbMetric = 'opened' | 'clicked' | 'converted';

export interface VariantCounts {
  id: string;
  label?: string;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
}

export interface VariantStats extends VariantCounts {
  deliveryRate: number | null;
  openRate: number | null;
  clickRate: number | null;
  conversionRate: number | null;
  /** Against the leader (null for the leader itself). */
  pValue: number | null;
  /** Sent still needed in this arm before the test has the stated power; 0 when it already has enough. */
  remaining: number | null;
}

export interface Verdict {
  metric: AbMetric;
  status: 'winner' | 'no_winner_yet' | 'not_enough_data';
  winner: string | null;
  leader: string | null;
  /** The leader's closest rival, which decides the verdict and the sample size. */
  runnerUp: string | null;
  /** Worst (largest) p-value of leader vs each rival; 1 − pValue is the confidence shown. */
  pValue: number | null;
  confidence: number | null;
  /** Absolute and relative lift of the leader over the runner-up. */
  lift: number | null;
  relativeLift: number | null;
  alpha: number;
  power: number;
  samplePerVariant: number | null;
  variants: VariantStats[];
  /** Sends against the configured weights; `mismatch` when the split is too uneven to be chance. */
  srm: { pValue: number; mismatch: boolean; observed: Record<string, number>; expected: Record<string, number> } | null;
  /** The verdict in English, for API callers; `summaryText` is the same sentence as a key with params for the UI. */
  summary: string;
  summaryText: Text;
}

export const MIN_PER_ARM = 30;
export const DEFAULT_MDE = 0.2;
/** The usual sample-ratio-mismatch threshold: strict, as a false alarm would stop a healthy test. */
export const SRM_ALPHA = 0.01;

export interface VerdictOptions {
  metric?: AbMetric;
  alpha?: number;
  power?: number;
  /** Relative lift to size the test for when none is observed yet. */
  minimumDetectableEffect?: number;
  /** Configured weights by variant id, for the sample-ratio check; omitted, no check. */
  weights?: Readonly<Record<string, number>>;
}

/** Sends per arm against the weights (shares in %, rounded to one decimal). */
export function sampleRatio(counts: readonly VariantCounts[], weights: Readonly<Record<string, number>>): Verdict['srm'] {
  const arms = counts.filter((c) => (weights[c.id] ?? 0) > 0);
  const test = chiSquareGoodnessOfFit(arms.map((c) => c.sent), arms.map((c) => weights[c.id]!));
  if (!test) return null;
  const total = arms.reduce((s, c) => s + c.sent, 0);
  const weight = arms.reduce((s, c) => s + weights[c.id]!, 0);
  const share = (x: number, of: number) => Math.round((1000 * x) / of) / 10;
  return {
    pValue: test.pValue,
    mismatch: test.pValue < SRM_ALPHA,
    observed: Object.fromEntries(arms.map((c) => [c.id, share(c.sent, total)])),
    expected: Object.fromEntries(arms.map((c) => [c.id, share(weights[c.id]!, weight)])),
  };
}

const rate = (x: number, n: number) => (n > 0 ? x / n : null);
/** Rounded as the English always was (toFixed), so the catalog's number format cannot round a tie the other way. */
export const fixed = (x: number, digits: number) => Number(x.toFixed(digits));
const ab = (key: string, params?: Record<string, TextParam>) => text(`serverText.ab.${key}`, params);
/** "a, b, c" as nested sentences, so each language keeps its own separator. */
export const listText = (items: TextParam[], key = 'serverText.ab.list'): TextParam => items.reduceRight((rest, first) => text(key, { first, rest }));
const withSummary = <T extends Omit<Verdict, 'summary'>>(v: T): T & { summary: string } => ({ ...v, summary: english(v.summaryText) });

export function abVerdict(counts: readonly VariantCounts[], opts: VerdictOptions = {}): Verdict {
  const metric = opts.metric ?? 'clicked';
  const alpha = opts.alpha ?? 0.05;
  const power = opts.power ?? 0.8;
  const mde = opts.minimumDetectableEffect ?? DEFAULT_MDE;
  const k = counts.length;
  const adjAlpha = k > 2 ? alpha / (k - 1) : alpha;

  const base = counts.map((c) => ({
    ...c,
    deliveryRate: rate(c.delivered, c.sent),
    openRate: rate(c.opened, c.sent),
    clickRate: rate(c.clicked, c.sent),
    conversionRate: rate(c.converted, c.sent),
  }));
  const value = (c: VariantCounts) => rate(c[metric], c.sent) ?? -1;
  const ranked = [...base].sort((a, b) => value(b) - value(a));
  const leader = ranked[0];
  const empty: Omit<Verdict, 'summary'> = {
    metric, status: 'not_enough_data', winner: null, leader: null, runnerUp: null, pValue: null, confidence: null, lift: null, relativeLift: null,
    alpha, power, samplePerVariant: null, variants: base.map((v) => ({ ...v, pValue: null, remaining: null })), srm: null, summaryText: ab('needTwo'),
  };
  if (!leader || k < 2 || leader.sent === 0) return withSummary(empty);

  const tests = new Map(base.map((v) => [v.id, v.id === leader.id ? null : twoProportionZTest(v[metric], v.sent, leader[metric], leader.sent)]));
  // The rival closest to the leader (largest p-value) is the one that has to be beaten last.
  const rivals = base.filter((v) => v.id !== leader.id);
  const runnerUp = rivals.reduce((worst, v) => ((tests.get(v.id)?.pValue ?? 1) > (tests.get(worst.id)?.pValue ?? 1) ? v : worst), rivals[0]!);
  const worstP = Math.max(...rivals.map((v) => tests.get(v.id)?.pValue ?? 1));

  const pLead = rate(leader[metric], leader.sent) ?? 0;
  const pRival = rate(runnerUp[metric], runnerUp.sent);
  const lift = pRival === null ? null : pLead - pRival;
  const relativeLift = pRival ? (lift ?? 0) / pRival : null;
  const target = pRival === null ? null : pLead > pRival ? pLead : pRival > 0 ? Math.min(1, pRival * (1 + mde)) : null;
  const powered = pRival === null || target === null ? null : sampleSizePerArm(pRival, target, adjAlpha, power);
  // One figure for every message: the power calculation, floored at the minimum for the normal approximation.
  const needed = Math.max(powered ?? 0, MIN_PER_ARM);

  const pooled = (leader[metric] + rivals.reduce((s, v) => s + v[metric], 0)) / base.reduce((s, v) => s + v.sent, 0);
  const approxOk = base.every((v) => v.sent >= MIN_PER_ARM && v.sent * pooled >= 5 && v.sent * (1 - pooled) >= 5);
  const significant = rivals.every((v) => (tests.get(v.id)?.pValue ?? 1) < adjAlpha) && pLead > (pRival ?? 0);
  const status: Verdict['status'] = !approxOk ? 'not_enough_data' : significant ? 'winner' : 'no_winner_yet';

  const name = (v: VariantCounts) => v.label || v.id;
  const variants = base.map((v) => ({ ...v, pValue: tests.get(v.id)?.pValue ?? null, remaining: Math.max(0, needed - v.sent) }));
  const srm = opts.weights ? sampleRatio(counts, opts.weights) : null;
  const stillNeeded = variants.filter((v) => v.remaining > 0).map((v) => ab('stillOne', { count: String(v.remaining), variant: name(v) }));
  const sizing = ab('sizing', { needed: String(needed), still: stillNeeded.length ? ab('stillList', { list: listText(stillNeeded) }) : '' });
  const srmNote: TextParam = srm?.mismatch
    ? ab('srm', { observed: Object.values(srm.observed).join(' / '), expected: Object.values(srm.expected).join(' / '), p: fixed(srm.pValue, 4) })
    : '';
  const metricName = ab(`metric.${metric}`);
  const rates = { lead: fixed(pLead * 100, 1), rival: fixed((pRival ?? 0) * 100, 1), p: fixed(worstP, 4) };
  const summaryText =
    status === 'winner'
      ? ab('winner', { leader: name(leader), metric: metricName, runnerUp: name(runnerUp), ...rates, srm: srmNote })
      : status === 'no_winner_yet'
        ? ab('noWinner', { leader: name(leader), metric: metricName, ...rates, alpha: fixed(adjAlpha, 4), sizing, srm: srmNote })
        : ab('notEnough', { sizing, more: powered === null || stillNeeded.length === 0 ? ab(metric === 'converted' ? 'moreConversions' : 'moreEngagement') : '', srm: srmNote });

  return withSummary({
    metric, status, winner: status === 'winner' ? leader.id : null, leader: leader.id, runnerUp: runnerUp.id, pValue: worstP, confidence: 1 - worstP, lift, relativeLift,
    alpha: adjAlpha, power, samplePerVariant: needed, variants, srm, summaryText,
  });
}
