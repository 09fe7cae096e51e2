/** A fixed-window counter in better-auth's rate_limits table, for limits better-auth does not key itself (per address). */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** Counts one attempt atomically; false once `max` attempts fall in the current window. */
export async function consumeRateLimit(db: Db, key: string, rule: { window: number; max: number }): Promise<boolean> {
  const now = Date.now();
  const windowStart = now - rule.window * 1000;
  const rows = await db.execute<{ count: number }>(sql`
    insert into rate_limits (id, key, count, last_request) values (${randomUUID()}, ${key}, 1, ${now})
    on conflict (key) do update set
      count = case when rate_limits.last_request < ${windowStart} then 1 else rate_limits.count + 1 end,
      last_request = case when rate_limits.last_request < ${windowStart} then ${now} else rate_limits.last_request end
    returning count`);
  return (rows[0]?.count ?? 1) <= rule.max;
}
