/** Who a blast reaches: the one filter the blast's page activity sends to and the marketer's preview counts, so the two cannot drift. */
import { and, asc, eq, gt, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leads } from '@/db/schema';
import type { BlastAudience } from '@/lib/journey/contract';

/** Leads captured up to `startedAt`, not archived or unsubscribed, matching every field given; keyset after `after`. */
export function audienceWhere(a: BlastAudience, startedAt: Date, after?: string): SQL | undefined {
  const conds: (SQL | undefined)[] = [lte(leads.createdAt, startedAt), isNull(leads.archivedAt), isNull(leads.unsubscribedAt)];
  if (a.source) conds.push(eq(leads.source, a.source));
  if (a.stage) conds.push(eq(leads.stage, a.stage));
  if (a.tag) conds.push(sql`${a.tag} = any(${leads.tags})`);
  if (a.language) conds.push(a.unsetLanguage ? or(eq(leads.locale, a.language), isNull(leads.locale)) : eq(leads.locale, a.language));
  if (after) conds.push(gt(leads.id, after));
  return and(...conds);
}

/** How many leads a blast started at `at` reaches (the confirmation a marketer reads before sending). */
export async function countAudience(db: Db, audience: BlastAudience, at = new Date()): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(leads).where(audienceWhere(audience, at));
  return row?.n ?? 0;
}

/** The next `limit` lead ids of the audience in id order: the pages a blast sends. */
export async function audiencePage(db: Db, audience: BlastAudience, startedAt: Date, after: string | undefined, limit: number): Promise<{ id: string }[]> {
  return db.select({ id: leads.id }).from(leads).where(audienceWhere(audience, startedAt, after)).orderBy(asc(leads.id)).limit(limit);
}
