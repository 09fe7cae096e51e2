/**
 * The role table (server/access.ts) against the real thing: every tRPC procedure and every app/api route has an entry,
 * and for each role and for no session the server answers allowed, 401 or 403 exactly as the table says.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { PROCEDURE_ROLES, ROLES, ROUTE_ACCESS, type Role } from '@/server/access';
import { appRouter } from '@/server/root';
import { createApiKey } from '@/server/services/api-keys';
import { anonymousCaller, callerAs, userAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
  // Route handlers reach the database through getDb(), which reads DATABASE_URL.
  process.env.DATABASE_URL = tdb.url;
});
afterAll(async () => tdb.stop());

const procedurePaths = () => Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();

type Caller = ReturnType<typeof anonymousCaller>;
/** Calls a procedure by its dotted path with an input no procedure accepts, so an allowed call stops at validation and changes nothing. */
async function probe(caller: Caller, dotted: string): Promise<string> {
  const fn = dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    await fn({ __roleTableProbe: Symbol('not json') });
    return 'OK';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe('tRPC procedures', () => {
  it('every procedure has an entry in PROCEDURE_ROLES, and every entry is a procedure', () => {
    const paths = procedurePaths();
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !PROCEDURE_ROLES[p])).toEqual([]);
    expect(Object.keys(PROCEDURE_ROLES).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it('answers UNAUTHORIZED to a caller with no session, for every procedure', async () => {
    const anon = anonymousCaller(db);
    const codes = await Promise.all(procedurePaths().map(async (p) => [p, await probe(anon, p)] as const));
    expect(codes.filter(([, code]) => code !== 'UNAUTHORIZED')).toEqual([]);
  });

  it.each(ROLES)('lets %s call exactly the procedures the table gives it (FORBIDDEN for the rest)', async (role: Role) => {
    const caller = callerAs(db, role);
    const wrong: string[] = [];
    for (const p of procedurePaths()) {
      const code = await probe(caller, p);
      const allowed = PROCEDURE_ROLES[p]!.includes(role);
      if (allowed && (code === 'FORBIDDEN' || code === 'UNAUTHORIZED')) wrong.push(`${p}: ${role} is allowed but got ${code}`);
      if (!allowed && code !== 'FORBIDDEN') wrong.push(`${p}: ${role} is not allowed but got ${code}`);
    }
    expect(wrong).toEqual([]);
  });
});

const API_DIR = path.join(process.cwd(), 'app', 'api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

async function routeFiles(dir = API_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : Promise.resolve(e.name === 'route.ts' ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function routes(): Promise<{ key: string; url: string; handler: Handler }[]> {
  const found = [];
  for (const file of await routeFiles()) {
    const route = `/${path.relative(process.cwd(), path.dirname(file)).split(path.sep).join('/')}`.replace(/^\/app/, '');
    const mod = (await import(file)) as Record<string, unknown>;
    const url = route.replace(/\[\.\.\.[^\]]+\]/g, 'x').replace(/\[[^\]]+\]/g, '00000000-0000-4000-8000-000000000000');
    for (const m of METHODS) if (typeof mod[m] === 'function') found.push({ key: `${m} ${route}`, url, handler: mod[m] as Handler });
  }
  return found;
}

const params = Promise.resolve({ id: '00000000-0000-4000-8000-000000000000' });
const call = (r: { key: string; url: string; handler: Handler }, headers: HeadersInit = {}) => {
  const method = r.key.split(' ')[0]!;
  return r.handler(new Request(`http://127.0.0.1${r.url}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '{}' }), { params });
};

describe('route handlers', () => {
  it('every route under app/api has an entry in ROUTE_ACCESS, and every entry is a route', async () => {
    const keys = (await routes()).map((r) => r.key).sort();
    expect(keys.filter((k) => !ROUTE_ACCESS[k])).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('API-key routes: 401 without a key and for every signed-in role without one, 403 for a key without the scope, through for the right scope', async () => {
    const ingestOnly = await createApiKey(db, { name: 'role-table ingest', scopes: ['ingest'], createdBy: null });
    const readOnly = await createApiKey(db, { name: 'role-table read', scopes: ['read'], createdBy: null });
    const sessions = await Promise.all(ROLES.map((r) => userAs(db, r)));
    for (const r of await routes()) {
      const access = ROUTE_ACCESS[r.key];
      if (access?.kind !== 'apiKey') continue;
      expect((await call(r)).status, `${r.key} without a key`).toBe(401);
      for (const s of sessions) expect((await call(r, { cookie: s.headers.get('cookie')! })).status, `${r.key} as ${s.user.role} without a key`).toBe(401);
      const [right, wrong] = access.scope === 'ingest' ? [ingestOnly, readOnly] : [readOnly, ingestOnly];
      expect((await call(r, { authorization: `Bearer ${wrong.key}` })).status, `${r.key} with a key lacking ${access.scope}`).toBe(403);
      // Through the check: what follows is the route's own answer (400 for the empty body, 404 for the unknown id).
      expect([401, 403], `${r.key} with a ${access.scope} key`).not.toContain((await call(r, { authorization: `Bearer ${right.key}` })).status);
    }
  });

  it('session routes: 401 with no session, 403 for roles outside the table', async () => {
    const sessionRoutes = (await routes()).filter((r) => ROUTE_ACCESS[r.key]?.kind === 'session');
    for (const r of sessionRoutes) {
      const access = ROUTE_ACCESS[r.key] as { kind: 'session'; roles: readonly Role[] };
      expect((await call(r)).status, `${r.key} signed out`).toBe(401);
      for (const role of ROLES) {
        const status = (await call(r, { cookie: (await userAs(db, role)).headers.get('cookie')! })).status;
        if (access.roles.includes(role)) expect([401, 403], `${r.key} as ${role}`).not.toContain(status);
        else expect(status, `${r.key} as ${role}`).toBe(403);
      }
    }
  });
});
