import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_THRESHOLDS, isHot, stageFor, stageThresholdsSchema } from './stages';

describe('stageFor', () => {
  it.each([
    [-50, 'cold'],
    [0, 'cold'],
    [19, 'cold'],
    [20, 'warm'],
    [44, 'warm'],
    [45, 'engaged'],
    [59, 'engaged'],
    [60, 'hot'],
    [200, 'hot'],
  ] as const)('score %i is %s with the SPEC thresholds', (score, stage) => {
    expect(stageFor(score, DEFAULT_STAGE_THRESHOLDS)).toBe(stage);
  });

  it('honours custom thresholds and isHot agrees with the hot stage', () => {
    const t = { warm: 10, engaged: 30, hot: 50 };
    expect(stageFor(50, t)).toBe('hot');
    expect(stageFor(49, t)).toBe('engaged');
    expect(isHot(59)).toBe(false);
    expect(isHot(60)).toBe(true);
  });

  it('rejects thresholds that do not rise', () => {
    expect(stageThresholdsSchema.safeParse({ warm: 20, engaged: 20, hot: 60 }).success).toBe(false);
    expect(stageThresholdsSchema.safeParse(DEFAULT_STAGE_THRESHOLDS).success).toBe(true);
  });
});
