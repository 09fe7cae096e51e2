/** CSV imports: the page's status poll, recent imports, and starting a dry run or the import as a background job. */
import { z } from 'zod';
import { env } from '@/lib/env';
import { importStatus, recentImports, startImportRun } from '@/server/services/csv-import';
import { asTrpc } from '@/server/services/input-error';
import { getTemporalClient } from '@/server/temporal';
import { notFound, protectedProcedure, router } from '@/server/trpc';

export const importsRouter = router({
  status: protectedProcedure.input(z.object({ id: z.string().uuid() })).query(async ({ ctx, input }) => (await importStatus(ctx.db, input.id)) ?? notFound('import')),

  recent: protectedProcedure.query(({ ctx }) => recentImports(ctx.db)),

  run: protectedProcedure
    .input(
      z.object({
        importId: z.string().uuid(),
        mode: z.enum(['dry_run', 'import']),
        mapping: z.record(z.string(), z.string()),
        source: z.string().trim().min(1).max(100).default('csv_import'),
        enterJourneys: z.boolean().default(true),
      }),
    )
    .mutation(({ ctx, input }) => asTrpc(() => startImportRun(ctx.db, { client: getTemporalClient, taskQueue: env().TEMPORAL_TASK_QUEUE }, input))),
});
