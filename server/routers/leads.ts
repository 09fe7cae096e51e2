/** Leads: the searchable list, one lead's page, and acknowledging its hand-off. */
import { and, count, desc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { leads, salesOwners } from '@/db/schema';
import { acknowledgeAndSignal } from '@/server/services/acknowledge';
import { getLeadDetails } from '@/server/services/lead-details';
import { notFound, publicProcedure, router } from '@/server/trpc';

export const leadsRouter = router({
  list: publicProcedure
    .input(
      z.object({
        q: z.string().trim().max(200).default(''),
        stage: z.enum(['cold', 'warm', 'engaged', 'hot']).optional(),
        hotOnly: z.boolean().default(false),
        includeArchived: z.boolean().default(false),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const filters: (SQL | undefined)[] = [];
      if (input.q) {
        const like = `%${input.q.replace(/[%_]/g, (m) => `\\${m}`)}%`;
        filters.push(or(ilike(leads.email, like), ilike(leads.firstName, like), ilike(leads.lastName, like), ilike(leads.company, like)));
      }
      if (input.stage) filters.push(eq(leads.stage, input.stage));
      if (input.hotOnly) filters.push(eq(leads.isHot, true));
      if (!input.includeArchived) filters.push(isNull(leads.archivedAt));
      const where = and(...filters);
      const [items, [total]] = await Promise.all([
        ctx.db
          .select({
            id: leads.id,
            email: leads.email,
            firstName: leads.firstName,
            lastName: leads.lastName,
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
        ctx.db.select({ n: count() }).from(leads).where(where),
      ]);
      return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
    }),

  byId: publicProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
    const details = await getLeadDetails(ctx.db, input.id);
    return details ?? notFound('lead');
  }),

  acknowledgeHandoff: publicProcedure.input(z.object({ handoffId: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    const result = await acknowledgeAndSignal(ctx.db, { handoffId: input.handoffId, by: 'lead page' });
    return result ? { acknowledgedAt: result.handoff.acknowledgedAt, handoffMs: result.handoffMs } : notFound('hand-off');
  }),
});
