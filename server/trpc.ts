/** tRPC initialisation: the context every procedure gets, and the base procedures. */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getDb, type Db } from '@/db/client';

export interface Context {
  db: Db;
}

export function createContext(): Context {
  return { db: getDb() };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const first = zod?.issues[0];
    return { ...shape, data: { ...shape.data, field: first ? first.path.join('.') : null, zodIssues: zod?.issues ?? null } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

export function notFound(what: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
}
