/** The team, for admins: users and roles, invitations, sales-owner links, deactivation, API keys. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { ROLES } from '@/db/schema';
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey } from '@/server/services/api-keys';
import { inviteTeammate, listInvitations, revokeInvitation } from '@/server/services/invitations';
import { createTeamUser, listTeam, setActive, setRole, setSalesOwner, UserError } from '@/server/services/users';
import { notFound, protectedProcedure, router } from '@/server/trpc';

async function users<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError) throw new TRPCError({ code: 'BAD_REQUEST', message: `${err.field}: ${err.message}` });
    throw err;
  }
}

const role = z.enum(ROLES);
const userId = z.string().min(1).max(100);

export const usersRouter = router({
  list: protectedProcedure.query(async ({ ctx }) => ({ users: await listTeam(ctx.db), invitations: await listInvitations(ctx.db) })),

  create: protectedProcedure
    .input(
      z.object({
        email: z.string().trim().toLowerCase().email(),
        name: z.string().trim().min(1).max(120),
        role,
        password: z.string().min(8).max(128),
        salesOwnerId: z.string().uuid().nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => users(async () => createTeamUser(ctx.db, input))),

  invite: protectedProcedure
    .input(z.object({ email: z.string().trim().toLowerCase().email(), role }))
    .mutation(({ ctx, input }) => users(() => inviteTeammate(ctx.db, { ...input, invitedBy: { id: ctx.user.id, name: ctx.user.name } }))),

  revokeInvitation: protectedProcedure.input(z.object({ invitationId: z.string().uuid() })).mutation(async ({ ctx, input }) => (await revokeInvitation(ctx.db, input.invitationId)) ?? notFound('open invitation')),

  setRole: protectedProcedure.input(z.object({ userId, role })).mutation(({ ctx, input }) => users(() => setRole(ctx.db, ctx.user.id, input.userId, input.role))),

  setSalesOwner: protectedProcedure
    .input(z.object({ userId, salesOwnerId: z.string().uuid().nullable() }))
    .mutation(({ ctx, input }) => users(() => setSalesOwner(ctx.db, input.userId, input.salesOwnerId))),

  setActive: protectedProcedure.input(z.object({ userId, active: z.boolean() })).mutation(({ ctx, input }) => users(() => setActive(ctx.db, ctx.user.id, input.userId, input.active))),

  apiKeys: protectedProcedure.query(({ ctx }) => listApiKeys(ctx.db)),

  /** The key is in this response and nowhere else, ever. */
  createApiKey: protectedProcedure
    .input(z.object({ name: z.string().trim().min(1).max(80), scopes: z.array(z.enum(API_KEY_SCOPES)).min(1) }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { ...input, createdBy: ctx.user.email })),

  revokeApiKey: protectedProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => (await revokeApiKey(ctx.db, input.id)) ?? notFound('live API key')),
});
