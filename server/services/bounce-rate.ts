/** The share of recent sends that hard-bounced; over 5 % means a bad list or a blocked domain, so it alerts. */
import { and, gte, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';

export const BOUNCE_ALERT_THRESHOLD = 0.05;

export interface BounceRate {
  sent: number;
  bounced: number;
  rate: number;
  alert: boolean;
}

export async function bounceRate(db: Db, opts: { sinceDays: number; now?: Date }): Promise<BounceRate> {
  const since = new Date((opts.now ?? new Date()).getTime() - opts.sinceDays * 86_400_000);
  const [row] = await db
    .select({
      sent: sql<number>`count(*)::int`,
      bounced: sql<number>`(count(*) filter (where ${messages.status} = 'bounced'))::int`,
    })
    .from(messages)
    .where(and(isNotNull(messages.providerId), ne(messages.kind, 'account'), gte(messages.createdAt, since)));
  const sent = row?.sent ?? 0;
  const bounced = row?.bounced ?? 0;
  const rate = sent === 0 ? 0 : bounced / sent;
  return { sent, bounced, rate, alert: rate > BOUNCE_ALERT_THRESHOLD };
}
