import { describe, expect, it } from 'vitest';
import { inHoldout } from '@/lib/journey/ab';
import { autoWinnerDecision, RECHECK_MS } from './auto-winner';
import { holdoutComparison, weightsWithHoldout } from './holdout';
import { abVerdict, sampleRatio, type VariantCounts } from './verdict';

const arm = (id: string, sent: number, converted: number, clicked = 0): VariantCounts => ({ id, sent, delivered: sent, opened: clicked, clicked, converted });

describe('holdout', () => {
  it('puts about the chosen share of leads in the holdout, the same lead always the same way', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `lead-${i}`);
    const held = ids.filter((id) => inHoldout(id, 'email-a', 10)).length;
    expect(held / ids.length).toBeGreaterThan(0.085);
    expect(held / ids.length).toBeLessThan(0.115);
    expect(ids.filter((id) => inHoldout(id, 'email-a', 10))).toEqual(ids.filter((id) => inHoldout(id, 'email-a', 10)));
    expect(ids.some((id) => inHoldout(id, 'email-a', 0))).toBe(false);
    expect(ids.some((id) => inHoldout(id, 'email-a', undefined))).toBe(false);
  });

  it('measures each arm’s conversion lift against the holdout', () => {
    // 100 held out, 2 converted (2 %); A 300 sent, 30 converted (10 %); B 300 sent, 9 converted (3 %).
    const h = holdoutComparison([arm('A', 300, 30), arm('B', 300, 9)], arm('holdout', 100, 2), 20);
    expect(h.status).toBe('measured');
    expect(h.conversionRate).toBeCloseTo(0.02);
    expect(h.alpha).toBeCloseTo(0.025); // two arms, each tested against the holdout
    const [a, b] = h.arms;
    expect(a!.lift).toBeCloseTo(0.08);
    expect(a!.relativeLift).toBeCloseTo(4);
    // 2/100 vs 30/300: pooled 32/400 = 0.08, se = sqrt(0.08·0.92·(1/100 + 1/300)) = 0.031325, z = 2.5539, p ≈ 0.01065.
    expect(a!.pValue).toBeCloseTo(0.01065, 4);
    expect(a!.significant).toBe(true);
    expect(b!.lift).toBeCloseTo(0.01);
    expect(b!.significant).toBe(false);
    expect(h.summary).toMatch(/^Against the 20 % holdout \(no email, 2\.0 % converted\): A \+8\.0 pts \(p = 0\.01\d+, significant\); B \+1\.0 pts \(p = /);
  });

  it('waits for enough leads on both sides before testing', () => {
    const h = holdoutComparison([arm('A', 300, 30)], arm('holdout', 12, 0), 5);
    expect(h.status).toBe('not_enough_data');
    expect(h.arms[0]!.pValue).toBeNull();
    expect(h.summary).toMatch(/12 leads so far/);
  });

  it('checks the split against the weights with the holdout as its own arm', () => {
    const weights = weightsWithHoldout({ A: 50, B: 50 }, 20, 'holdout');
    expect(weights).toEqual({ A: 40, B: 40, holdout: 20 });
    expect(sampleRatio([arm('A', 400, 0), arm('B', 405, 0), arm('holdout', 195, 0)], weights)?.mismatch).toBe(false);
    // A holdout that took 40 % instead of 20 % is broken assignment.
    expect(sampleRatio([arm('A', 300, 0), arm('B', 300, 0), arm('holdout', 400, 0)], weights)?.mismatch).toBe(true);
  });
});

describe('autoWinnerDecision', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const significant = abVerdict([arm('A1', 200, 0, 10), arm('A2', 200, 0, 40)]);
  const even = abVerdict([arm('A1', 200, 0, 20), arm('A2', 200, 0, 22)]);

  it('declares the significant winner once every variant reached the sample', () => {
    expect(significant.status).toBe('winner');
    expect(autoWinnerDecision({ minPerVariant: 200, decideAfter: null }, significant, now)).toMatchObject({ action: 'declare', variant: 'A2' });
  });

  it('waits while the sample is short, even when the result already looks significant', () => {
    const d = autoWinnerDecision({ minPerVariant: 500, decideAfter: null }, significant, now);
    expect(d).toMatchObject({ action: 'wait', recheckInMs: RECHECK_MS });
    expect(d.reason).toMatch(/200 of 500 per variant/);
  });

  it('declares on the date, and wakes exactly then when the date is near', () => {
    expect(autoWinnerDecision({ minPerVariant: null, decideAfter: '2026-11-28T11:00:00Z' }, significant, now)).toMatchObject({ action: 'declare', variant: 'A2' });
    expect(autoWinnerDecision({ minPerVariant: null, decideAfter: '2026-11-28T12:10:00Z' }, significant, now)).toMatchObject({ action: 'wait', recheckInMs: 600_000 });
  });

  it('keeps the test running when the sample or date is reached without a significant result', () => {
    const d = autoWinnerDecision({ minPerVariant: 100, decideAfter: null }, even, now);
    expect(d).toMatchObject({ action: 'wait', recheckInMs: RECHECK_MS });
    expect(d.reason).toMatch(/no significant winner yet \(p = 0\.\d{4}\)/);
  });

  it('never declares over a sample-ratio mismatch', () => {
    const skewed = abVerdict([arm('A1', 100, 0, 5), arm('A2', 300, 0, 60)], { weights: { A1: 50, A2: 50 } });
    expect(skewed.status).toBe('winner');
    expect(skewed.srm?.mismatch).toBe(true);
    expect(autoWinnerDecision({ minPerVariant: 100, decideAfter: null }, skewed, now)).toMatchObject({ action: 'wait' });
  });
});
