/** Durations in milliseconds, free of zod so the workflow bundle (evaluated per workflow run) stays small. */
export interface DurationLike {
  amount: number;
  unit: 'minutes' | 'hours' | 'days';
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export function durationMs(d: DurationLike): number {
  return Math.round(d.amount * UNIT_MS[d.unit]);
}
