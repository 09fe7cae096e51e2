/** Number, duration and date formatting shared by the ops pages, so every page says "12 min" and "28 %" the same way. */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';

export type Outputs = inferRouterOutputs<AppRouter>;

export function pct(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)} %`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = m / 60;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`;
}

export function dateTime(d: Date | string | null | undefined): string {
  if (!d) return '—';
  return new Date(d).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** Stage → badge colour: hot is red, the middle stages warm, cold plain. */
export function stageClass(stage: string): string {
  if (stage === 'hot') return 'badge hot';
  if (stage === 'engaged' || stage === 'warm') return 'badge warm';
  return 'badge';
}
