/** Email blasts: the audience picker's options and preview, start (once per request id), the list with counts, cancel. */
import { z } from 'zod';
import { EMAIL_LOCALES } from '@/lib/email/locales';
import { env } from '@/lib/env';
import { bulkTaskQueue } from '@/lib/journey/contract';
import { blastOptions, cancelBlast, listBlasts, previewAudience, startBlast } from '@/server/services/blasts';
import { asTrpc } from '@/server/services/input-error';
import { getTemporalClient } from '@/server/temporal';
import { protectedProcedure, router, type Context } from '@/server/trpc';

const optional = z.string().trim().max(100).optional();
const audience = z.object({ source: optional, stage: z.enum(['cold', 'warm', 'engaged', 'hot']).optional(), tag: optional, language: z.enum(EMAIL_LOCALES).optional() });
const temporalOf = (ctx: Context) => ctx.temporal ?? getTemporalClient;

export const blastsRouter = router({
  options: protectedProcedure.query(({ ctx }) => blastOptions(ctx.db)),
  preview: protectedProcedure.input(z.object({ audience })).query(({ ctx, input }) => previewAudience(ctx.db, input.audience)),
  list: protectedProcedure.query(({ ctx }) => listBlasts(ctx.db, temporalOf(ctx))),
  start: protectedProcedure
    .input(z.object({ requestId: z.string().uuid(), name: z.string().trim().min(1).max(120), template: z.string().trim().min(1).max(100), audience }))
    .mutation(({ ctx, input }) =>
      asTrpc(() => startBlast(ctx.db, { client: temporalOf(ctx), taskQueue: bulkTaskQueue(env().TEMPORAL_TASK_QUEUE) }, input, { id: ctx.user.id, email: ctx.user.email })),
    ),
  cancel: protectedProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) => asTrpc(() => cancelBlast(ctx.db, temporalOf(ctx), input.id, { email: ctx.user.email }))),
});
