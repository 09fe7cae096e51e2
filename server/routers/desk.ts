/** "My desk": a rep's hand-offs, outcomes, notes and reassignments; admins and ops see and work every desk. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { OUTCOMES } from '@/db/schema';
import { HttpError } from '@/lib/api/http';
import { acknowledgeAndSignal } from '@/server/services/acknowledge';
import { startManualHandoff } from '@/server/services/manual-handoff';
import { getTemporalClient } from '@/server/temporal';
import { addNote, assertMayAcknowledge, DeskError, deskOverview, deskOwnerFor, leadActivity, loadDesk, reassign, recordOutcome, salesPerformance } from '@/server/services/desk';
import { notFound, protectedProcedure, router, type SessionUser } from '@/server/trpc';

/** Domain refusals become tRPC errors once, here. */
async function desk<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeskError) throw new TRPCError({ code: err.code, message: `${err.field}: ${err.message}` });
    if (err instanceof HttpError) throw new TRPCError({ code: err.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: err.message });
    throw err;
  }
}

const actor = (u: SessionUser) => ({ id: u.id, role: u.role, salesOwnerId: u.salesOwnerId });
const followUp = z.coerce.date().refine((d) => d.getTime() > Date.now() - 60_000, 'must be in the future');

export const deskRouter = router({
  mine: protectedProcedure.input(z.object({ ownerId: z.string().uuid().optional() }).default({})).query(({ ctx, input }) => desk(() => loadDesk(ctx.db, deskOwnerFor(actor(ctx.user), input.ownerId)))),

  overview: protectedProcedure.query(({ ctx }) => deskOverview(ctx.db)),

  acknowledge: protectedProcedure.input(z.object({ handoffId: z.string().uuid() })).mutation(({ ctx, input }) =>
    desk(async () => {
      await assertMayAcknowledge(ctx.db, actor(ctx.user), input.handoffId);
      const result = await acknowledgeAndSignal(ctx.db, { handoffId: input.handoffId, by: ctx.user.email });
      return result ? { acknowledgedAt: result.handoff.acknowledgedAt, handoffMs: result.handoffMs } : notFound('hand-off');
    }),
  ),

  recordOutcome: protectedProcedure
    .input(
      z.object({
        handoffId: z.string().uuid(),
        outcome: z.enum(OUTCOMES),
        reason: z.string().trim().max(500).optional(),
        note: z.string().trim().max(4000).optional(),
        nextFollowUpAt: followUp.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      desk(async () => {
        const result = await recordOutcome(ctx.db, actor(ctx.user), input);
        // Any outcome means the rep acted: it stops the SLA clock if nobody pressed Acknowledge first.
        if (result.needsAcknowledge) await acknowledgeAndSignal(ctx.db, { handoffId: input.handoffId, by: ctx.user.email });
        return result;
      }),
    ),

  addNote: protectedProcedure
    .input(z.object({ leadId: z.string().uuid(), body: z.string().trim().min(1).max(4000), nextFollowUpAt: followUp.nullable().optional() }))
    .mutation(({ ctx, input }) => desk(() => addNote(ctx.db, actor(ctx.user), input))),

  reassign: protectedProcedure
    .input(z.object({ handoffId: z.string().uuid(), ownerId: z.string().uuid(), reason: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => desk(() => reassign(ctx.db, actor(ctx.user), input))),

  /** Ops and admins hand a lead to a named rep (or the next in rotation) now; the SLA clock starts. */
  handOff: protectedProcedure
    .input(z.object({ leadId: z.string().uuid(), ownerHandle: z.string().trim().min(1).max(100).optional(), reason: z.string().trim().min(1).max(1000) }))
    .mutation(({ ctx, input }) =>
      desk(async () => {
        const h = await startManualHandoff(ctx.db, await getTemporalClient(), { lead_id: input.leadId, sales_owner: input.ownerHandle, reason: input.reason });
        return { handoffId: h.id, ownerId: h.ownerId, slaMinutes: h.slaMinutes };
      }),
    ),

  activity: protectedProcedure.input(z.object({ leadId: z.string().uuid() })).query(({ ctx, input }) => leadActivity(ctx.db, input.leadId)),

  performance: protectedProcedure.input(z.object({ sinceDays: z.number().int().min(1).max(365).default(90) }).default({ sinceDays: 90 })).query(({ ctx, input }) => salesPerformance(ctx.db, input)),
});
