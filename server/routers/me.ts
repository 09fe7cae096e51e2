/** The signed-in user: who they are, what their role lets them reach, and the UI language they chose. */
import { z } from 'zod';
import { PROCEDURE_ROLES } from '@/server/access';
import { LOCALES } from '@/lib/i18n/locales';
import { saveUserLocale } from '@/server/services/locale';
import { protectedProcedure, router } from '@/server/trpc';

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => ({
    ...ctx.user,
    /** The procedures this role may call, so the UI hides what the server would refuse. */
    allowed: Object.entries(PROCEDURE_ROLES)
      .filter(([, roles]) => roles.includes(ctx.user.role))
      .map(([path]) => path),
  })),

  /** null clears the choice: the org default, then the browser's language, apply again. */
  setLocale: protectedProcedure.input(z.object({ locale: z.enum(LOCALES).nullable() })).mutation(({ ctx, input }) => saveUserLocale(ctx.db, ctx.user.id, input.locale)),
});
