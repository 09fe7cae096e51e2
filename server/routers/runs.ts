/** What ops repair: failed journey runs (Retry, Cancel) and the outbox's dead letters (retry now); mutations are audited by the middleware. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { listDeadLetters, retryDeadLetter } from '@/server/services/dead-letters';
import { cancelRun, listFailedRuns, retryRun, RunError } from '@/server/services/failed-runs';
import { getTemporalClient } from '@/server/temporal';
import { protectedProcedure, router, type Context } from '@/server/trpc';

const byId = z.object({ id: z.string().uuid() });
const temporalOf = (ctx: Context) => ctx.temporal ?? getTemporalClient;

async function domain<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof RunError) throw new TRPCError({ code: err.code, message: `${err.field}: ${err.message}` });
    throw err;
  }
}

export const runsRouter = router({
  failed: protectedProcedure.query(({ ctx }) => listFailedRuns(ctx.db)),
  retry: protectedProcedure.input(byId).mutation(({ ctx, input }) => domain(retryRun(ctx.db, temporalOf(ctx), input.id))),
  cancel: protectedProcedure.input(byId).mutation(({ ctx, input }) => domain(cancelRun(ctx.db, temporalOf(ctx), input.id))),
  deadLetters: protectedProcedure.query(({ ctx }) => listDeadLetters(ctx.db)),
  retryDeadLetter: protectedProcedure.input(z.object({ id: z.number().int().positive() })).mutation(({ ctx, input }) => domain(retryDeadLetter(ctx.db, input.id))),
});
