/** The signed-in user: who they are and what their role lets them reach. */
import { PROCEDURE_ROLES } from '@/server/access';
import { protectedProcedure, router } from '@/server/trpc';

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => ({
    ...ctx.user,
    /** The procedures this role may call, so the UI hides what the server would refuse. */
    allowed: Object.entries(PROCEDURE_ROLES)
      .filter(([, roles]) => roles.includes(ctx.user.role))
      .map(([path]) => path),
  })),
});
