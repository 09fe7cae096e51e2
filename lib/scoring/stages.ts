/** Score thresholds that name a lead's stage; hot at 60 is the SPEC's hand-off line. */
import { z } from 'zod';

export const STAGES = ['cold', 'warm', 'engaged', 'hot'] as const;
export type Stage = (typeof STAGES)[number];

/** Lowest score of each stage (inclusive); below `warm` is cold. */
export interface StageThresholds {
  warm: number;
  engaged: number;
  hot: number;
}

export const DEFAULT_STAGE_THRESHOLDS: Readonly<StageThresholds> = { warm: 20, engaged: 45, hot: 60 };

export const stageThresholdsSchema = z
  .object({ warm: z.number().int(), engaged: z.number().int(), hot: z.number().int() })
  .refine((t) => t.warm < t.engaged && t.engaged < t.hot, { message: 'Thresholds must rise: warm < engaged < hot' });

export function stageFor(score: number, thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS): Stage {
  if (score >= thresholds.hot) return 'hot';
  if (score >= thresholds.engaged) return 'engaged';
  if (score >= thresholds.warm) return 'warm';
  return 'cold';
}

export function isHot(score: number, thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS): boolean {
  return score >= thresholds.hot;
}
