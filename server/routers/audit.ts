/** The audit trail, for admins and ops. */
import { z } from 'zod';
import { listAudit } from '@/lib/audit';
import { protectedProcedure, router } from '@/server/trpc';

export const auditRouter = router({
  list: protectedProcedure
    .input(
      z.object({
        action: z.string().trim().max(100).optional(),
        actor: z.string().trim().max(200).optional(),
        q: z.string().trim().max(200).optional(),
        from: z.coerce.date().optional(),
        to: z.coerce.date().optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
