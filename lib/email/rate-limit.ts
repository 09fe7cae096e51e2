/** The email provider's request budget, shared by every send in a worker process; sales mail is served before marketing. */

export type SendLane = 'sales' | 'marketing';

export interface ProviderRateLimiter {
  /** Resolves when one request may go out; a waiting sales request always goes before any waiting marketing one. */
  take(lane: SendLane): Promise<void>;
  /** The provider answered 429: nobody sends until `ms` from now (Retry-After). */
  backOff(ms: number): void;
  stats(): { granted: number; waiting: number; backOffs: number };
}

export interface RateLimiterOptions {
  /** Requests per second; 0 or less means no limit (the local mail sink has none). */
  perSecond: number;
  /** Requests allowed back to back after a quiet spell; 1 paces evenly, so no rolling 1 s window ever sees more than `perSecond`. */
  burst?: number;
  now?: () => number;
}

/** Resend allows 2 requests per second per team unless raised; the local sink has no limit. */
export const RESEND_DEFAULT_PER_SECOND = 2;

/** The limit to apply: the configured one, else Resend's default when talking to Resend itself, else none. */
export function providerRequestsPerSecond(configured: number | undefined, baseUrl: string | undefined): number {
  if (configured !== undefined) return configured;
  return !baseUrl || /(^|\.)resend\.com$/i.test(new URL(baseUrl).hostname) ? RESEND_DEFAULT_PER_SECOND : 0;
}

export function createRateLimiter(opts: RateLimiterOptions): ProviderRateLimiter {
  const now = opts.now ?? Date.now;
  const rate = opts.perSecond;
  const burst = Math.max(1, opts.burst ?? 1);
  const queues: Record<SendLane, (() => void)[]> = { sales: [], marketing: [] };
  let tokens = burst;
  let refilledAt = now();
  let blockedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let granted = 0;
  let backOffs = 0;

  const refill = (t: number) => {
    if (rate > 0) tokens = Math.min(burst, tokens + ((t - refilledAt) / 1000) * rate);
    refilledAt = t;
  };
  const next = () => queues.sales.shift() ?? queues.marketing.shift();
  const waiting = () => queues.sales.length + queues.marketing.length;

  function pump(): void {
    timer = null;
    for (;;) {
      if (!waiting()) return;
      const t = now();
      refill(t);
      const wait = Math.max(blockedUntil - t, rate > 0 && tokens < 1 ? ((1 - tokens) / rate) * 1000 : 0);
      if (wait > 0) {
        // Waiters keep their own promises pending; the timer alone must not keep a process alive.
        timer = setTimeout(pump, Math.ceil(wait));
        timer.unref?.();
        return;
      }
      if (rate > 0) tokens -= 1;
      granted += 1;
      next()?.();
    }
  }

  return {
    take(lane) {
      return new Promise<void>((resolve) => {
        queues[lane].push(resolve);
        if (!timer) pump();
      });
    },
    backOff(ms) {
      backOffs += 1;
      blockedUntil = Math.max(blockedUntil, now() + Math.max(0, ms));
      // Spent: the first request after the pause is the only one that may go at once.
      tokens = Math.min(tokens, 1);
      if (timer) clearTimeout(timer);
      timer = null;
      pump();
    },
    stats: () => ({ granted, waiting: waiting(), backOffs }),
  };
}
