/** Capture forms: marketers and admins build them; everyone may read them. */
import { z } from 'zod';
import { formDefinitionSchema } from '@/lib/forms/definition';
import { archiveForm, getForm, listForms, saveForm } from '@/server/services/forms';
import { asTrpc } from '@/server/services/input-error';
import { notFound, protectedProcedure, router } from '@/server/trpc';

export const formsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listForms(ctx.db)),

  get: protectedProcedure.input(z.object({ id: z.string().uuid() })).query(async ({ ctx, input }) => (await getForm(ctx.db, input.id)) ?? notFound('form')),

  save: protectedProcedure
    .input(z.object({ id: z.string().uuid().nullable().default(null), form: formDefinitionSchema }))
    .mutation(({ ctx, input }) => asTrpc(() => saveForm(ctx.db, input.form, input.id))),

  archive: protectedProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) => asTrpc(() => archiveForm(ctx.db, input.id))),
});
