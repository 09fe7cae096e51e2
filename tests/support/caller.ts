/** A tRPC caller for router tests acting as a real signed-in user of one role (a better-auth user + session, cached per role per database). */
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { salesOwners, type Role } from '@/db/schema';
import { authFor } from '@/server/auth';
import { appRouter } from '@/server/root';
import { createContextFor, type Context, type SessionUser } from '@/server/trpc';
import { createTeamUser } from '@/server/services/users';

export type TestRole = Role;

export interface TestUser {
  user: SessionUser;
  email: string;
  password: string;
  /** Request headers carrying the session cookie, as a browser would send them. */
  headers: Headers;
}

/** Test requests come as through one proxy of ours that wrote the browser's address into X-Forwarded-For (TRUST_PROXY=1). */
export const PROXY_HOPS = 1;

const cache = new WeakMap<Db, Map<string, Promise<TestUser>>>();

/** Signs a fresh user of this role in through better-auth; sales users get their own sales owner. */
export async function signInNewUser(db: Db, role: Role, opts: { ip?: string } = {}): Promise<TestUser> {
  const tag = randomUUID().slice(0, 8);
  const email = `${role}-${tag}@team.leadflow.test`;
  const password = `pw-${randomUUID()}`;
  let salesOwnerId: string | null = null;
  if (role === 'sales') {
    const [owner] = await db.insert(salesOwners).values({ handle: `rep-${tag}`, name: `Rep ${tag}`, email }).returning();
    salesOwnerId = owner!.id;
  }
  await createTeamUser(db, { email, password, name: `${role} ${tag}`, role, salesOwnerId });
  const { headers: setHeaders } = await authFor(db).api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookie = setHeaders
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = new Headers({ cookie, 'user-agent': 'vitest', 'x-forwarded-for': opts.ip ?? '203.0.113.7' });
  const ctx = await createContextFor(db, headers, PROXY_HOPS);
  if (!ctx.user) throw new Error(`signed in as ${email} but the session did not read back`);
  return { user: ctx.user, email, password, headers };
}

/** One user per role per database, so a test file pays for each sign-in once. */
export function userAs(db: Db, role: Role = 'admin'): Promise<TestUser> {
  let byRole = cache.get(db);
  if (!byRole) cache.set(db, (byRole = new Map()));
  let user = byRole.get(role);
  if (!user) {
    user = signInNewUser(db, role);
    byRole.set(role, user);
  }
  return user;
}

/** The context is read from the session cookie on every call, exactly as the HTTP endpoint does. */
export function callerAs(db: Db, role: Role = 'admin') {
  return appRouter.createCaller(async (): Promise<Context> => createContextFor(db, (await userAs(db, role)).headers, PROXY_HOPS));
}

/** A caller with no session at all. */
export function anonymousCaller(db: Db) {
  return appRouter.createCaller({ db, user: null, ip: null, userAgent: null });
}
