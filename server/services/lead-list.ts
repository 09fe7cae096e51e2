/** The leads list's filters in one place, so the list, its CSV export and the dashboard's links mean the same leads. */
import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { leads, salesOwners } from '@/db/schema';

export const leadFiltersSchema = z.object({
  q: z.string().trim().max(200).default(''),
  stage: z.enum(['cold', 'warm', 'engaged', 'hot']).optional(),
  hotOnly: z.boolean().default(false),
  includeArchived: z.boolean().default(false),
});
export type LeadFilters = z.input<typeof leadFiltersSchema>;

export const leadListSchema = leadFiltersSchema.extend({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

/** Accent- and case-insensitive substring search over name (either order), email and company; served by leads_search_trgm_idx. */
function searchFilter(q: string): SQL {
  const needle = `%${q.replace(/\s+/g, ' ').replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql`lf_lead_search_text(${leads.email}, ${leads.firstName}, ${leads.lastName}, ${leads.company}) like lower(lf_unaccent(${needle}))`;
}

export function leadWhere(input: z.output<typeof leadFiltersSchema>): SQL | undefined {
  const filters: (SQL | undefined)[] = [];
  if (input.q) filters.push(searchFilter(input.q));
  if (input.stage) filters.push(eq(leads.stage, input.stage));
  if (input.hotOnly) filters.push(eq(leads.isHot, true));
  if (!input.includeArchived) filters.push(isNull(leads.archivedAt));
  return and(...filters);
}

export async function listLeads(db: Db, input: z.output<typeof leadListSchema>) {
  const where = leadWhere(input);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: leads.id,
        email: leads.email,
        firstName: leads.firstName,
        lastName: leads.lastName,
        nameOrder: leads.nameOrder,
        company: leads.company,
        score: leads.score,
        stage: leads.stage,
        isHot: leads.isHot,
        lifecycle: leads.lifecycle,
        ownerHandle: salesOwners.handle,
        createdAt: leads.createdAt,
        archivedAt: leads.archivedAt,
      })
      .from(leads)
      .leftJoin(salesOwners, eq(salesOwners.id, leads.ownerId))
      .where(where)
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(leads).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}
