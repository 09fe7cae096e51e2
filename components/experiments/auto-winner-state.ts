/** What the A/B panel shows about a test's auto-winner (and the form's draft and checks), as plain data so it is tested without a browser. */
import { MIN_PER_ARM } from '@/lib/ab/verdict';
import { isText, type Text } from '@/lib/i18n/server-text';

export type AutoMetric = 'opened' | 'clicked' | 'converted';

export interface AutoWinnerView {
  status: 'watching' | 'declared' | 'off';
  metric: AutoMetric;
  minPerVariant: number;
  confidence: number;
  decideAfter: string | null;
  winner: string | null;
  pValue: number | null;
  decidedAt: string | null;
  lastReason: string | null;
  /** The reason as a key with params; null on rows written before the runner stored it, which show `lastReason` as it was. */
  lastReasonText?: Text | null;
  lastCheckedAt: string | null;
}

export interface AutoWinnerSource {
  autoWinner: AutoWinnerView | null;
  concludedWith: string | null;
  verdict: { samplePerVariant: number | null; variants: { sent: number }[]; srm: { mismatch: boolean } | null };
}

export type AutoWinnerPanelState =
  /** Declared by a person (a version sending only one variant): nothing left to automate. */
  | { kind: 'concluded' }
  | { kind: 'declared'; winner: string; metric: AutoMetric; confidence: number; at: string; pValue: number | null }
  /** Watching: `fewest` of `min` sent in the arm with the fewest; `sampled` once every arm has them. */
  | { kind: 'watching'; metric: AutoMetric; min: number; confidence: number; fewest: number; sampled: boolean; decideAfter: string | null; srm: boolean; lastCheckedAt: string | null; lastReason: string | null; lastReasonText: Text | null }
  | { kind: 'off' };

export function autoWinnerPanelState(exp: AutoWinnerSource): AutoWinnerPanelState {
  const rule = exp.autoWinner;
  if (rule?.status === 'declared' && rule.winner) return { kind: 'declared', winner: rule.winner, metric: rule.metric, confidence: rule.confidence, at: rule.decidedAt ?? '', pValue: rule.pValue };
  if (exp.concludedWith) return { kind: 'concluded' };
  if (rule?.status !== 'watching') return { kind: 'off' };
  const fewest = exp.verdict.variants.length ? Math.min(...exp.verdict.variants.map((v) => v.sent)) : 0;
  return {
    kind: 'watching',
    metric: rule.metric,
    min: rule.minPerVariant,
    confidence: rule.confidence,
    fewest,
    sampled: fewest >= rule.minPerVariant,
    decideAfter: rule.decideAfter,
    srm: exp.verdict.srm?.mismatch ?? false,
    lastCheckedAt: rule.lastCheckedAt,
    lastReason: rule.lastReason,
    lastReasonText: rule.lastReasonText ?? null,
  };
}

/** The runner's reason with its date in the reader's locale rather than the ISO it stored. */
export function localReason(reason: Text, date: (iso: string) => string): Text {
  if (!reason.params) return reason;
  const params = Object.fromEntries(
    Object.entries(reason.params).map(([k, v]) => [k, isText(v) ? localReason(v, date) : reason.key === 'serverText.autoWinner.waitDate' && k === 'at' && typeof v === 'string' ? date(v) : v]),
  );
  return { ...reason, params };
}

export interface AutoWinnerDraft {
  enabled: boolean;
  metric: AutoMetric;
  minPerVariant: string;
  confidence: number;
  /** yyyy-mm-ddThh:mm from a datetime-local input, or ''. */
  decideAfter: string;
}

export const CONFIDENCE_CHOICES = [90, 95, 99] as const;

/** The form's starting point: the saved rule, else the power calculation's per-variant sample at 95 %. */
export function autoWinnerDraft(exp: AutoWinnerSource, hasGoal: boolean): AutoWinnerDraft {
  const rule = exp.autoWinner;
  if (rule) return { enabled: rule.status === 'watching', metric: rule.metric, minPerVariant: String(rule.minPerVariant), confidence: rule.confidence, decideAfter: rule.decideAfter ? toLocalInput(rule.decideAfter) : '' };
  return { enabled: false, metric: hasGoal ? 'converted' : 'clicked', minPerVariant: String(Math.max(MIN_PER_ARM, exp.verdict.samplePerVariant ?? 100)), confidence: 95, decideAfter: '' };
}

export type DraftErrors = Partial<Record<'minPerVariant' | 'confidence' | 'decideAfter', 'min' | 'confidence' | 'date'>>;

/** The same bounds the server enforces, so the form says what is wrong before a round trip. */
export function draftErrors(d: AutoWinnerDraft): DraftErrors {
  const errors: DraftErrors = {};
  const min = Number(d.minPerVariant);
  if (!Number.isInteger(min) || min < MIN_PER_ARM) errors.minPerVariant = 'min';
  if (!Number.isInteger(d.confidence) || d.confidence < 80 || d.confidence > 99) errors.confidence = 'confidence';
  if (d.decideAfter && Number.isNaN(Date.parse(d.decideAfter))) errors.decideAfter = 'date';
  return errors;
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
