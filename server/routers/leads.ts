/** Leads: the searchable list, one lead's page, and acknowledging its hand-off. */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { acknowledgeAndSignal } from '@/server/services/acknowledge';
import { assertMayAcknowledge, DeskError } from '@/server/services/desk';
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
    // A rep acknowledges only their own hand-offs; admins and ops any.
    await assertMayAcknowledge(ctx.db, ctx.user, input.handoffId).catch((err: unknown) => {
      throw err instanceof DeskError ? new TRPCError({ code: err.code, message: `${err.field}: ${err.message}` }) : err;
    });
    const result = await acknowledgeAndSignal(ctx.db, { handoffId: input.handoffId, by: ctx.user.email });
    return result ? { acknowledgedAt: result.handoff.acknowledgedAt, handoffMs: result.handoffMs } : notFound('hand-off');
  }),
});
