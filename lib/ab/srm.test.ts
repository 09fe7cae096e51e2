import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit } from './stats';
import { abVerdict, MIN_PER_ARM, type VariantCounts } from './verdict';

const arm = (id: string, sent: number, clicked: number): VariantCounts => ({ id, sent, delivered: sent, opened: clicked, clicked, converted: 0 });

describe('chi-square goodness of fit', () => {
  it('matches published critical values (df 1: 3.841 → 0.05, 6.635 → 0.01; df 2: p = e^(−χ²/2))', () => {
    // Two equal-share arms of 1,000 at 500 ± d give χ² = 2d² / 500 exactly.
    const p1 = (chi2: number) => {
      const d = Math.sqrt(chi2 * 250);
      return chiSquareGoodnessOfFit([500 + d, 500 - d], [1, 1])!.pValue;
    };
    expect(p1(3.841)).toBeCloseTo(0.05, 3);
    expect(p1(6.635)).toBeCloseTo(0.01, 3);
    const two = chiSquareGoodnessOfFit([130, 100, 70], [1, 1, 1])!; // 9 + 0 + 9 = 18
    expect(two.chi2).toBeCloseTo(18, 9);
    expect(two.df).toBe(2);
    expect(two.pValue).toBeCloseTo(Math.exp(-9), 6); // df 2: p = e^(−χ²/2)
    const three = chiSquareGoodnessOfFit([100, 100, 100, 100], [1, 1, 1, 1])!;
    expect(three.pValue).toBeCloseTo(1, 9);
  });

  it('reads weights on any scale and ignores arms weighted 0', () => {
    const a = chiSquareGoodnessOfFit([500, 300, 200], [50, 30, 20])!;
    expect(a.chi2).toBeCloseTo(0, 9);
    expect(chiSquareGoodnessOfFit([10, 10], [0, 100])).toBeNull();
    expect(chiSquareGoodnessOfFit([0, 0], [50, 50])).toBeNull();
  });
});

describe('sample-ratio mismatch in the verdict', () => {
  it('warns when a 50/50 split comes out 420:580, and names both splits', () => {
    const v = abVerdict([arm('a', 420, 40), arm('b', 580, 60)], { weights: { a: 50, b: 50 } });
    expect(v.srm?.mismatch).toBe(true);
    expect(v.srm?.pValue).toBeLessThan(0.0001);
    expect(v.srm?.observed).toEqual({ a: 42, b: 58 });
    expect(v.summary).toContain('does not match the weights (50 / 50 %)');
  });

  it('does not warn on chance: 5:11 of 16 is p ≈ 0.13, and 495:505 is nothing', () => {
    const small = abVerdict([arm('a', 5, 1), arm('b', 11, 2)], { weights: { a: 50, b: 50 } });
    expect(small.srm?.pValue).toBeCloseTo(0.1336, 3);
    expect(small.srm?.mismatch).toBe(false);
    expect(abVerdict([arm('a', 495, 40), arm('b', 505, 60)], { weights: { a: 50, b: 50 } }).srm?.mismatch).toBe(false);
  });

  it('checks against uneven weights, not against an even split', () => {
    expect(abVerdict([arm('a', 700, 40), arm('b', 300, 60)], { weights: { a: 70, b: 30 } }).srm?.mismatch).toBe(false);
    expect(abVerdict([arm('a', 500, 40), arm('b', 500, 60)], { weights: { a: 70, b: 30 } }).srm?.mismatch).toBe(true);
  });
});

describe('one "still needed" figure', () => {
  it('the summary and every arm\'s remainder come from the same per-arm size, never below the minimum', () => {
    // Few sends and a big observed lift: the power calculation alone would ask for fewer than MIN_PER_ARM.
    const v = abVerdict([arm('a', 5, 1), arm('b', 10, 6)]);
    expect(v.samplePerVariant).toBeGreaterThanOrEqual(MIN_PER_ARM);
    const needed = v.samplePerVariant!;
    expect(v.variants.map((x) => x.remaining)).toEqual([needed - 5, needed - 10]);
    expect(v.summary).toContain(`about ${needed} sent per variant needed (${needed - 5} more for a, ${needed - 10} more for b)`);
    // No second, different figure anywhere in the sentence.
    const figures = [...v.summary.matchAll(/\b(\d+) (?:sent|more)\b/g)].map((m) => Number(m[1]));
    expect(figures).toEqual([needed, needed - 5, needed - 10]);
  });

  it('when the power calculation asks for more than the minimum, that is the figure', () => {
    const v = abVerdict([arm('a', 200, 20), arm('b', 200, 24)]);
    expect(v.samplePerVariant).toBeGreaterThan(1000);
    expect(v.variants.every((x) => x.remaining === v.samplePerVariant! - 200)).toBe(true);
    expect(v.summary).toContain(`about ${v.samplePerVariant} sent per variant needed`);
  });
});
