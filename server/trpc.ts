/** tRPC initialisation: the context every procedure gets (database, signed-in user, client address) and the base procedures. */
import type { Client } from '@temporalio/client';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getDb, type Db } from '@/db/client';
import { clientAddress } from '@/lib/api/client-address';
import { HttpError, postgresDataError } from '@/lib/api/http';
import { env } from '@/lib/env';
import { ROLES, type Role } from '@/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { isText } from '@/lib/i18n/server-text';
import { mayCall } from './access';
import { authFor } from './auth';
import { mutationEntry, recordAudit, type Actor } from '@/lib/audit';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  salesOwnerId: string | null;
  /** The UI language this person chose; null follows the org default, then the browser. */
  locale: Locale | null;
}

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** The client's address and agent, for the audit log. */
  ip: string | null;
  userAgent: string | null;
  /** The Temporal client for procedures that act on workflows (run retry/cancel); the process-wide one when absent. */
  temporal?: () => Promise<Client>;
}

/** The audited address: the socket peer, or X-Forwarded-For only through the TRUST_PROXY hops (as the form limit counts). */
export function clientIp(headers: Headers, trustedHops = env().TRUST_PROXY): string | null {
  return clientAddress(headers, trustedHops);
}

const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r);

/** Reads the better-auth session from the request's cookies, as create-t3-app's with-better-auth template does. */
export async function sessionUser(db: Db, headers: Headers): Promise<SessionUser | null> {
  const session = await authFor(db).api.getSession({ headers });
  if (!session || session.user.banned) return null;
  const u = session.user as typeof session.user & { role?: unknown; salesOwnerId?: string | null; locale?: unknown };
  if (!isRole(u.role)) return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role, salesOwnerId: u.salesOwnerId ?? null, locale: isLocale(u.locale) ? u.locale : null };
}

export async function createContextFor(db: Db, headers: Headers, trustedHops = env().TRUST_PROXY): Promise<Context> {
  return { db, user: await sessionUser(db, headers), ip: clientIp(headers, trustedHops), userAgent: headers.get('user-agent') };
}

export function createContext({ req }: { req: Request }): Promise<Context> {
  return createContextFor(getDb(), req.headers);
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Stack traces only in development (NODE_ENV), never in a production response.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const first = zod?.issues[0];
    const named = error.cause instanceof HttpError ? (error.cause.field ?? null) : null;
    // A domain error's message as a key with params (InputError.text), so the UI can word it in the reader's language.
    const said = (error.cause as { text?: unknown } | undefined)?.text;
    const field = first ? first.path.join('.') : named ?? ((error.cause as { field?: unknown } | undefined)?.field as string | undefined) ?? null;
    return { ...shape, data: { ...shape.data, field, zodIssues: zod?.issues ?? null, text: isText(said) ? said : null } };
  },
});

/** Postgres refusing a value is the caller's input, as in the route handlers: a 400 naming the column, never a 500. */
const dataErrorsAreBadRequests = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const bad = postgresDataError(result.error.cause ?? result.error);
  if (!bad) return result;
  throw new TRPCError({ code: 'BAD_REQUEST', message: bad.message, cause: bad });
});

export const router = t.router;
/** Only for what neither reads nor changes tenant data; everything else is protectedProcedure. */
export const publicProcedure = t.procedure.use(dataErrorsAreBadRequests);
export const createCallerFactory = t.createCallerFactory;

export const actorOf = (ctx: Context): Actor => ({ id: ctx.user?.id ?? null, email: ctx.user?.email ?? null, role: ctx.user?.role ?? null, ip: ctx.ip, userAgent: ctx.userAgent });

/**
 * Signed in (401 otherwise), the role table (server/access.ts) allows this procedure for the user's role (403
 * otherwise), and every mutation that succeeds leaves an audit row with who, what, when and from where.
 */
export const protectedProcedure = t.procedure
  .use(dataErrorsAreBadRequests)
  .use(({ ctx, path, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
    if (!mayCall(ctx.user.role, path)) throw new TRPCError({ code: 'FORBIDDEN', message: `the ${ctx.user.role} role may not call ${path}` });
    return next({ ctx: { ...ctx, user: ctx.user } });
  })
  .use(async ({ ctx, path, type, getRawInput, next }) => {
    const result = await next();
    if (type !== 'mutation' || !result.ok) return result;
    const entry = mutationEntry(path, await getRawInput());
    try {
      if (entry) await recordAudit(ctx.db, actorOf(ctx), entry);
    } catch (err) {
      // The change is committed; a lost audit row is logged loudly rather than reported to the user as a failure.
      console.error('[audit] could not record', path, err);
    }
    return result;
  });

export function notFound(what: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
}

export function forbidden(message: string): never {
  throw new TRPCError({ code: 'FORBIDDEN', message });
}
