/** The provider's request budget held across worker processes: each request reserves the next free slot in one Postgres row. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { log } from '@/lib/log';
import { createRateLimiter, type ProviderRateLimiter } from './rate-limit';

export interface SharedRateLimiterOptions {
  db: Db;
  /** The account's requests per second, for all processes together; 0 or less means no limit. */
  perSecond: number;
  /** The row's key: one per provider account. */
  provider?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSharedRateLimiter(opts: SharedRateLimiterOptions): ProviderRateLimiter {
  // In front: this process's own queue keeps sales mail ahead of its marketing mail and asks Postgres at most `perSecond` times a second.
  const local = createRateLimiter({ perSecond: opts.perSecond });
  if (opts.perSecond <= 0) return local;
  const provider = opts.provider ?? 'resend';
  const gapMs = 1000 / opts.perSecond;
  return {
    async take(lane) {
      await local.take(lane);
      // Slots are spaced in Postgres's clock, so processes on different hosts need no synchronised clocks.
      const [row] = await opts.db.execute<{ wait_ms: number }>(sql`
        insert into provider_rate (provider, next_at) values (${provider}, clock_timestamp() + ${gapMs} * interval '1 millisecond')
        on conflict (provider) do update set next_at = greatest(provider_rate.next_at, clock_timestamp()) + ${gapMs} * interval '1 millisecond'
        returning (extract(epoch from (next_at - clock_timestamp())) * 1000 - ${gapMs})::float8 as wait_ms`);
      const wait = Number(row?.wait_ms ?? 0);
      if (wait > 0) await sleep(wait);
    },
    backOff(ms) {
      local.backOff(ms);
      // Every process pauses: nobody's slot comes before Retry-After.
      void opts.db
        .execute(sql`update provider_rate set next_at = greatest(next_at, clock_timestamp() + ${Math.max(0, ms)} * interval '1 millisecond') where provider = ${provider}`)
        .catch((err: unknown) => log('email').warn({ err }, 'could not share the provider back-off with other workers'));
    },
    stats: () => local.stats(),
  };
}
