/** The leads list's filters in one place, so the list, its CSV export and the dashboard's links mean the same leads. */
import { and, count, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { handoffs, leads, leadTouchpoints, messages, salesOwners } from '@/db/schema';
import { displayName } from '@/lib/people/names';

export const LIFECYCLES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
const day = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

/** Every filter a link may carry (the dashboard's tiles and bars link here); dates are UTC days, `to` inclusive. */
export const leadFiltersSchema = z.object({
  q: z.string().trim().max(200).default(''),
  stage: z.enum(['cold', 'warm', 'engaged', 'hot']).optional(),
  hotOnly: z.boolean().default(false),
  includeArchived: z.boolean().default(false),
  source: z.string().trim().min(1).max(100).optional(),
  utmCampaign: z.string().trim().min(1).max(200).optional(),
  /** Leads that reached this lifecycle stage or a later one, as the funnel counts them. */
  lifecycle: z.enum(LIFECYCLES).optional(),
  owner: z.string().trim().min(1).max(100).optional(),
  createdFrom: day.optional(),
  createdTo: day.optional(),
  /** Leads sent this marketing template (and variant), optionally within sentFrom..sentTo. */
  template: z.string().trim().min(1).max(100).optional(),
  variant: z.string().trim().min(1).max(100).optional(),
  sentFrom: day.optional(),
  sentTo: day.optional(),
  /** Leads handed to sales within handoffFrom..handoffTo. */
  handoffFrom: day.optional(),
  handoffTo: day.optional(),
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

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);

export function leadWhere(input: z.output<typeof leadFiltersSchema>): SQL | undefined {
  const filters: (SQL | undefined)[] = [];
  if (input.q) filters.push(searchFilter(input.q));
  if (input.stage) filters.push(eq(leads.stage, input.stage));
  if (input.hotOnly) filters.push(eq(leads.isHot, true));
  if (!input.includeArchived) filters.push(isNull(leads.archivedAt));
  if (input.source) filters.push(eq(leads.source, input.source));
  if (input.utmCampaign) {
    filters.push(sql`exists (select 1 from ${leadTouchpoints} t where t.lead_id = ${leads.id} and t.utm_campaign = ${input.utmCampaign})`);
  }
  if (input.lifecycle) filters.push(inArray(leads.lifecycle, LIFECYCLES.slice(LIFECYCLES.indexOf(input.lifecycle))));
  if (input.owner) filters.push(sql`${leads.ownerId} = (select id from ${salesOwners} where handle = ${input.owner})`);
  if (input.createdFrom) filters.push(gte(leads.createdAt, new Date(`${input.createdFrom}T00:00:00Z`)));
  if (input.createdTo) filters.push(lt(leads.createdAt, dayAfter(input.createdTo)));
  if (input.template || input.sentFrom || input.sentTo) {
    filters.push(sql`exists (select 1 from ${messages} m where m.lead_id = ${leads.id} and m.kind = 'marketing' and m.sent_at is not null
      ${input.template ? sql`and m.template = ${input.template}` : sql``} ${input.variant ? sql`and m.variant = ${input.variant}` : sql``}
      ${input.sentFrom ? sql`and m.sent_at >= ${`${input.sentFrom}T00:00:00Z`}::timestamptz` : sql``}
      ${input.sentTo ? sql`and m.sent_at < ${dayAfter(input.sentTo).toISOString()}::timestamptz` : sql``})`);
  }
  if (input.handoffFrom || input.handoffTo) {
    filters.push(sql`exists (select 1 from ${handoffs} h where h.lead_id = ${leads.id}
      ${input.handoffFrom ? sql`and h.created_at >= ${`${input.handoffFrom}T00:00:00Z`}::timestamptz` : sql``}
      ${input.handoffTo ? sql`and h.created_at < ${dayAfter(input.handoffTo).toISOString()}::timestamptz` : sql``})`);
  }
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

const FILTER_KEYS = ['q', 'stage', 'source', 'utmCampaign', 'lifecycle', 'owner', 'createdFrom', 'createdTo', 'template', 'variant', 'sentFrom', 'sentTo', 'handoffFrom', 'handoffTo'] as const;

/** Filters from a URL (the list page, its export link, the dashboard's links); flags are "1"/"true". */
export function filtersFromSearchParams(params: URLSearchParams): z.input<typeof leadFiltersSchema> {
  const out: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  for (const k of ['hotOnly', 'includeArchived'] as const) {
    const v = params.get(k);
    if (v) out[k] = v === '1' || v === 'true';
  }
  return out;
}

export const EXPORT_COLUMNS = ['id', 'email', 'full_name', 'first_name', 'last_name', 'phone', 'company', 'job_title', 'source', 'score', 'stage', 'is_hot', 'lifecycle', 'owner', 'created_at'] as const;

/** The filtered leads, newest first, in pages of 1,000 by keyset, so an export of any size streams in flat memory. */
export async function* exportLeads(db: Db, input: z.output<typeof leadFiltersSchema>): AsyncGenerator<(string | number)[]> {
  const where = leadWhere(input);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const page: { lead: typeof leads.$inferSelect; owner: string | null }[] = await db
      .select({ lead: leads, owner: salesOwners.handle })
      .from(leads)
      .leftJoin(salesOwners, eq(salesOwners.id, leads.ownerId))
      .where(and(where, after ? sql`(${leads.createdAt}, ${leads.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(1_000);
    for (const { lead: l, owner } of page) {
      yield [l.id, l.email, displayName(l), l.firstName ?? '', l.lastName ?? '', l.phone ?? '', l.company ?? '', l.jobTitle ?? '', l.source, l.score, l.stage, l.isHot ? 'true' : 'false', l.lifecycle, owner ?? '', l.createdAt.toISOString()];
    }
    if (page.length < 1_000) return;
    const last: typeof leads.$inferSelect = page[page.length - 1]!.lead;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
