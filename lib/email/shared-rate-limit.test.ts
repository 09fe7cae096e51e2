// Two worker processes (two limiters, each with its own in-process queue) share one provider account through Postgres:
// together they stay within the account's limit, and a 429 one of them sees pauses both.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createSharedRateLimiter } from './shared-rate-limit';

let t: TestDatabase;
beforeAll(async () => {
  t = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

/** Takes `n` turns on each limiter at once and returns every grant's time, sorted. */
async function grants(limiters: { take(lane: 'sales' | 'marketing'): Promise<void> }[], n: number): Promise<number[]> {
  const at: number[] = [];
  await Promise.all(limiters.flatMap((l) => Array.from({ length: n }, () => l.take('marketing').then(() => at.push(performance.now())))));
  return at.sort((a, b) => a - b);
}

it('two processes at an account limit of 5/s send 12 requests no faster than 5/s together', async () => {
  const provider = `test-${randomUUID()}`;
  const a = createSharedRateLimiter({ db: t.db, perSecond: 5, provider });
  const b = createSharedRateLimiter({ db: t.db, perSecond: 5, provider });
  const at = await grants([a, b], 6);
  // 12 grants 200 ms apart span at least 2.2 s; two separate 5/s buckets would finish in 1 s.
  expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(2_100);
});

it('a 429 seen by one process pauses the other for its Retry-After', async () => {
  const provider = `test-${randomUUID()}`;
  const a = createSharedRateLimiter({ db: t.db, perSecond: 50, provider });
  const b = createSharedRateLimiter({ db: t.db, perSecond: 50, provider });
  await a.take('sales');
  const started = performance.now();
  a.backOff(1_500);
  // The back-off reaches Postgres without being awaited; give it the moment a real 429 round trip would.
  await new Promise((r) => setTimeout(r, 100));
  await b.take('sales');
  expect(performance.now() - started).toBeGreaterThanOrEqual(1_400);
});

it('no limit (the local sink) never touches Postgres', async () => {
  const limiter = createSharedRateLimiter({ db: null as never, perSecond: 0 });
  expect(await grants([limiter], 50)).toHaveLength(50);
  expect(limiter.stats().granted).toBe(50);
});
