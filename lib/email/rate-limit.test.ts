import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter, providerRequestsPerSecond, type SendLane } from './rate-limit';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `lanes.length` takes and records, per take, the fake-clock time it was granted. */
function race(limiter: ReturnType<typeof createRateLimiter>, lanes: SendLane[]) {
  const grants: { lane: SendLane; i: number; at: number }[] = [];
  lanes.forEach((lane, i) => void limiter.take(lane).then(() => grants.push({ lane, i, at: Date.now() })));
  return grants;
}

describe('provider rate limiter', () => {
  it('paces requests at the configured rate: 2/s grants one every 500 ms', async () => {
    const limiter = createRateLimiter({ perSecond: 2 });
    const grants = race(limiter, Array<SendLane>(5).fill('marketing'));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(grants.map((g) => g.at)).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('never lets more than perSecond requests into any rolling second', async () => {
    const limiter = createRateLimiter({ perSecond: 2 });
    const grants = race(limiter, Array<SendLane>(20).fill('marketing'));
    await vi.advanceTimersByTimeAsync(10_000);
    const at = grants.map((g) => g.at);
    for (const t of at) expect(at.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(2);
  });

  it('serves a sales request before every marketing request already waiting', async () => {
    const limiter = createRateLimiter({ perSecond: 2 });
    const grants = race(limiter, ['marketing', 'marketing', 'marketing', 'marketing']);
    await vi.advanceTimersByTimeAsync(100);
    void limiter.take('sales').then(() => grants.push({ lane: 'sales', i: 99, at: Date.now() }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(grants.map((g) => g.lane)).toEqual(['marketing', 'sales', 'marketing', 'marketing', 'marketing']);
    expect(grants[1]!.at).toBe(500);
  });

  it('holds everyone for Retry-After after a 429, then resumes at the rate', async () => {
    const limiter = createRateLimiter({ perSecond: 2 });
    const first = race(limiter, ['marketing']);
    await vi.advanceTimersByTimeAsync(0);
    limiter.backOff(3_000);
    const rest = race(limiter, ['marketing', 'sales', 'marketing']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(first.map((g) => g.at)).toEqual([0]);
    expect(rest.map((g) => [g.lane, g.at])).toEqual([
      ['sales', 3000],
      ['marketing', 3500],
      ['marketing', 4000],
    ]);
    expect(limiter.stats()).toMatchObject({ granted: 4, waiting: 0, backOffs: 1 });
  });

  it('without a limit grants at once, but still honours a 429', async () => {
    const limiter = createRateLimiter({ perSecond: 0 });
    const grants = race(limiter, ['marketing', 'marketing', 'marketing']);
    await vi.advanceTimersByTimeAsync(0);
    expect(grants.map((g) => g.at)).toEqual([0, 0, 0]);
    limiter.backOff(1_000);
    const later = race(limiter, ['marketing']);
    await vi.advanceTimersByTimeAsync(999);
    expect(later).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(later.map((g) => g.at)).toEqual([1000]);
  });

  it('defaults to Resend\'s 2/s against Resend and to no limit against another endpoint such as the sink', () => {
    expect(providerRequestsPerSecond(undefined, undefined)).toBe(2);
    expect(providerRequestsPerSecond(undefined, 'https://api.resend.com')).toBe(2);
    expect(providerRequestsPerSecond(undefined, 'http://127.0.0.1:3025')).toBe(0);
    expect(providerRequestsPerSecond(10, 'http://127.0.0.1:3025')).toBe(10);
    expect(providerRequestsPerSecond(0, undefined)).toBe(0);
  });
});
