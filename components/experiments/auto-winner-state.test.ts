import { describe, expect, it } from 'vitest';
import { autoWinnerDecision } from '@/lib/ab/auto-winner';
import { abVerdict } from '@/lib/ab/verdict';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { autoWinnerDraft, autoWinnerPanelState, draftErrors, localReason, type AutoWinnerSource, type AutoWinnerView } from './auto-winner-state';

const rule = (over: Partial<AutoWinnerView> = {}): AutoWinnerView => ({
  status: 'watching', metric: 'clicked', minPerVariant: 100, confidence: 95, decideAfter: null, winner: null, pValue: null, decidedAt: null, lastReason: null, lastCheckedAt: null, ...over,
});
const exp = (autoWinner: AutoWinnerView | null, sent: number[], over: Partial<AutoWinnerSource> = {}): AutoWinnerSource => ({
  autoWinner,
  concludedWith: null,
  verdict: { samplePerVariant: 240, variants: sent.map((s) => ({ sent: s })), srm: null },
  ...over,
});

describe('A/B panel auto-winner state', () => {
  it('is off without a rule or when turned off', () => {
    expect(autoWinnerPanelState(exp(null, [10, 12]))).toEqual({ kind: 'off' });
    expect(autoWinnerPanelState(exp(rule({ status: 'off' }), [10, 12]))).toEqual({ kind: 'off' });
  });

  it('while watching, counts the sample from the arm with the fewest sent and flags a sample-ratio mismatch', () => {
    expect(autoWinnerPanelState(exp(rule({ lastCheckedAt: '2026-11-28T10:00:00.000Z' }), [40, 52]))).toMatchObject({ kind: 'watching', fewest: 40, min: 100, sampled: false, srm: false, lastCheckedAt: '2026-11-28T10:00:00.000Z' });
    const srm = exp(rule(), [120, 180], { verdict: { samplePerVariant: 240, variants: [{ sent: 120 }, { sent: 180 }], srm: { mismatch: true } } });
    expect(autoWinnerPanelState(srm)).toMatchObject({ kind: 'watching', fewest: 120, sampled: true, srm: true });
  });

  it('once declared, names the winner, the metric, the confidence and when, even though the weights still say 50/50', () => {
    const declared = rule({ status: 'declared', winner: 'B', pValue: 0.003, decidedAt: '2026-11-28T11:00:00.000Z' });
    expect(autoWinnerPanelState(exp(declared, [120, 180], { concludedWith: 'B' }))).toEqual({ kind: 'declared', winner: 'B', metric: 'clicked', confidence: 95, at: '2026-11-28T11:00:00.000Z', pValue: 0.003 });
  });

  it('a test a person concluded by publishing one variant has nothing left to automate', () => {
    expect(autoWinnerPanelState(exp(null, [50, 50], { concludedWith: 'A' }))).toEqual({ kind: 'concluded' });
  });

  it('the form starts from the saved rule, else from the power calculation and the goal', () => {
    expect(autoWinnerDraft(exp(null, [0, 0]), false)).toEqual({ enabled: false, metric: 'clicked', minPerVariant: '240', confidence: 95, decideAfter: '' });
    expect(autoWinnerDraft(exp(null, [0, 0], { verdict: { samplePerVariant: null, variants: [], srm: null } }), true)).toMatchObject({ metric: 'converted', minPerVariant: '100' });
    expect(autoWinnerDraft(exp(rule({ metric: 'opened', minPerVariant: 300, confidence: 99 }), [0, 0]), false)).toMatchObject({ enabled: true, metric: 'opened', minPerVariant: '300', confidence: 99 });
  });

  it('checks the same bounds as the server: at least 30 per variant, 80–99 % confidence, a real date', () => {
    const ok = { enabled: true, metric: 'clicked' as const, minPerVariant: '100', confidence: 95, decideAfter: '' };
    expect(draftErrors(ok)).toEqual({});
    expect(draftErrors({ ...ok, minPerVariant: '12' })).toEqual({ minPerVariant: 'min' });
    expect(draftErrors({ ...ok, minPerVariant: 'ten' })).toEqual({ minPerVariant: 'min' });
    expect(draftErrors({ ...ok, confidence: 100 })).toEqual({ confidence: 'confidence' });
    expect(draftErrors({ ...ok, decideAfter: 'soon' })).toEqual({ decideAfter: 'date' });
  });

  it('words the runner\'s date in the reader\'s locale, not the ISO it stored', () => {
    const arm = (id: string, sent: number) => ({ id, sent, delivered: sent, opened: 0, clicked: 0, converted: 0 });
    const { reasonText } = autoWinnerDecision({ minPerVariant: 100, decideAfter: '2026-03-08T12:00:00.000Z' }, abVerdict([arm('a', 4), arm('b', 6)]), new Date('2026-03-01T00:00:00Z'));
    const local = localReason(reasonText, (iso) => new Date(iso).toLocaleDateString('vi-VN', { timeZone: 'UTC' }));
    expect(inVietnamese(local)).toBe('Đang chờ đủ mẫu hoặc đến ngày: 4 trên 100 mỗi phương án hoặc đến 8/3/2026.');
  });
});
