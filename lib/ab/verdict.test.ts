/** The verdict against hand-computed numbers, and pickVariant's split and stickiness. */
import { describe, expect, it } from 'vitest';
import { pickVariant } from '@/lib/journey/ab';
import { normalCdf, normalQuantile, sampleSizePerArm, twoProportionZTest } from './stats';
import { abVerdict, type VariantCounts } from './verdict';

const arm = (id: string, sent: number, clicked: number, extra: Partial<VariantCounts> = {}): VariantCounts => ({ id, sent, delivered: sent, opened: clicked, clicked, converted: 0, ...extra });

describe('two-proportion z-test', () => {
  // By hand: A 100/1000 = 0.10, B 130/1000 = 0.13; pooled p = 230/2000 = 0.115;
  // SE = sqrt(0.115 · 0.885 · (1/1000 + 1/1000)) = sqrt(0.00020355) = 0.0142671;
  // z = 0.03 / 0.0142671 = 2.1027; two-sided p = 2 · (1 − Φ(2.1027)) = 0.0355.
  it('matches the hand-computed example', () => {
    const t = twoProportionZTest(100, 1000, 130, 1000)!;
    expect(t.z).toBeCloseTo(2.1027, 4);
    expect(t.pValue).toBeCloseTo(0.0355, 4);
  });

  // n = (1.959964 · sqrt(2 · 0.115 · 0.885) + 0.841621 · sqrt(0.1 · 0.9 + 0.13 · 0.87))² / 0.03²
  //   = (0.884282 + 0.379290)² / 0.0009 = 1773.98 → 1774 per arm.
  it('sizes the test for 80 % power at 95 % confidence', () => {
    expect(sampleSizePerArm(0.1, 0.13)).toBe(1774);
    expect(sampleSizePerArm(0.1, 0.1)).toBeNull();
  });

  it('has a normal CDF and quantile accurate to 4 decimals', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('is undefined when nothing varies', () => {
    expect(twoProportionZTest(0, 100, 0, 100)).toBeNull();
    expect(twoProportionZTest(0, 0, 3, 100)).toBeNull();
  });
});

describe('abVerdict', () => {
  it('declares the leader the winner when p < 0.05, with rates and no sample left to collect', () => {
    const v = abVerdict([arm('control', 1000, 100), arm('b', 1000, 130)]);
    expect(v).toMatchObject({ status: 'winner', winner: 'b', leader: 'b', runnerUp: 'control', samplePerVariant: 1774 });
    expect(v.pValue).toBeCloseTo(0.0355, 4);
    expect(v.confidence).toBeCloseTo(0.9645, 4);
    expect(v.lift).toBeCloseTo(0.03, 6);
    expect(v.relativeLift).toBeCloseTo(0.3, 6);
    expect(v.variants.find((x) => x.id === 'b')).toMatchObject({ clickRate: 0.13, remaining: 774 });
    expect(v.summary).toMatch(/b wins on click-through: 13\.0 % vs 10\.0 %/);
  });

  it('says no winner yet below significance and how many more sends are needed', () => {
    const v = abVerdict([arm('a', 500, 50), arm('b', 500, 60)]);
    expect(v.status).toBe('no_winner_yet');
    expect(v.winner).toBeNull();
    // 0.10 → 0.12: n = 3841 per arm, so each arm still needs 3341.
    expect(v.samplePerVariant).toBe(sampleSizePerArm(0.1, 0.12));
    expect(v.variants.every((x) => x.remaining === v.samplePerVariant! - 500)).toBe(true);
  });

  it('uses the minimum detectable effect when there is no lift yet', () => {
    const v = abVerdict([arm('a', 200, 20), arm('b', 200, 20)]);
    expect(v.status).toBe('no_winner_yet');
    expect(v.samplePerVariant).toBe(sampleSizePerArm(0.1, 0.12));
  });

  it('needs enough data before it will call a winner', () => {
    const v = abVerdict([arm('a', 10, 0), arm('b', 10, 6)]);
    expect(v.status).toBe('not_enough_data');
    expect(abVerdict([arm('a', 0, 0), arm('b', 0, 0)]).status).toBe('not_enough_data');
    expect(abVerdict([arm('a', 100, 5)]).status).toBe('not_enough_data');
  });

  it('Bonferroni-splits alpha across three variants', () => {
    // b beats a and c at p ≈ 0.035 each: significant for two arms, not at 0.025 for three.
    const v = abVerdict([arm('a', 1000, 100), arm('b', 1000, 130), arm('c', 1000, 100)]);
    expect(v.alpha).toBeCloseTo(0.025, 10);
    expect(v.status).toBe('no_winner_yet');
  });

  it('tests any metric', () => {
    const v = abVerdict([arm('a', 1000, 0, { converted: 20 }), arm('b', 1000, 0, { converted: 45 })], { metric: 'converted' });
    expect(v.status).toBe('winner');
    expect(v.winner).toBe('b');
  });
});

describe('pickVariant', () => {
  const variants = [
    { id: 'a', weight: 50 },
    { id: 'b', weight: 30 },
    { id: 'c', weight: 20 },
  ];

  it('matches 50/30/20 weights over 10,000 leads (chi-square goodness of fit, df = 2)', () => {
    const n = 10_000;
    const seen: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < n; i++) seen[pickVariant(`lead-${i}`, 'ab-node', variants)!.id]! += 1;
    const chi2 = variants.reduce((sum, v) => {
      const expected = (n * v.weight) / 100;
      return sum + (seen[v.id]! - expected) ** 2 / expected;
    }, 0);
    // 5.991 is the 95 % critical value of chi-square with 2 degrees of freedom.
    expect(chi2).toBeLessThan(5.991);
  });

  it('is sticky: the same lead always gets the same variant', () => {
    for (let i = 0; i < 200; i++) {
      const first = pickVariant(`lead-${i}`, 'ab-node', variants);
      expect(pickVariant(`lead-${i}`, 'ab-node', variants)).toBe(first);
      expect(pickVariant(`lead-${i}`, 'ab-node', [...variants])?.id).toBe(first?.id);
    }
  });
});
