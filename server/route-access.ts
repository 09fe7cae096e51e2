/** The role table's check for route handlers: an API key with the route's scope, or a signed-in user of the route's roles. */
import type { Db } from '@/db/client';
import { HttpError } from '@/lib/api/http';
import { ROUTE_ACCESS } from './access';
import { requireApiKey } from './services/api-keys';
import { sessionUser, type SessionUser } from './trpc';

/** Throws 401/403 as an HttpError; returns the signed-in user for session routes. */
export async function authorizeRoute(db: Db, req: Request, route: string): Promise<SessionUser | null> {
  const access = ROUTE_ACCESS[route];
  if (!access) throw new Error(`${route} has no entry in ROUTE_ACCESS (server/access.ts)`);
  if (access.kind === 'public') return null;
  if (access.kind === 'apiKey') {
    await requireApiKey(db, req, access.scope);
    return null;
  }
  const user = await sessionUser(db, req.headers);
  if (!user) throw new HttpError(401, 'sign in first', 'session');
  if (!access.roles.includes(user.role)) throw new HttpError(403, `the ${user.role} role may not call ${route}`, 'session');
  return user;
}
