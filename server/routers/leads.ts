/** Leads: the searchable list, one lead's page, and acknowledging its hand-off. */
import { z } from 'zod';
import { acknowledgeAndSignal } from '@/server/services/acknowledge';
import { getLeadDetails } from '@/server/services/lead-details';
import { leadListSchema, listLeads } from '@/server/services/lead-list';
import { notFound, protectedProcedure, router } from '@/server/trpc';

export const leadsRouter = router({
  list: protectedProcedure.input(leadListSchema).query(({ ctx, input }) => listLeads(ctx.db, input)),

  byId: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
    const details = await getLeadDetails(ctx.db, input.id);
    return details ?? notFound('lead');
  }),

  acknowledgeHandoff: protectedProcedure.input(z.object({ handoffId: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    const result = await acknowledgeAndSignal(ctx.db, { handoffId: input.handoffId, by: 'lead page' });
    return result ? { acknowledgedAt: result.handoff.acknowledgedAt, handoffMs: result.handoffMs } : notFound('hand-off');
  }),
});
