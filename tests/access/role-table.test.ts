/**
 * The role table (server/access.ts) against the real thing: every tRPC procedure and every app/api route has an entry,
 * and for each role and for no session the server answers allowed, 401 or 403 exactly as the table says.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handoffs, leads, salesOwners } from '@/db/schema';
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
  // Acknowledging also signals the SLA workflow; nothing listens here, and the database is what these tests check.
  process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
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

describe('routes that also take a record\'s own token', () => {
  /** A hand-off as the SLA path creates it: owner, lead, and the token its notification links carry. */
  async function openHandoff() {
    const tag = randomUUID().slice(0, 8);
    const [owner] = await db.insert(salesOwners).values({ handle: `ack-${tag}`, name: `Ack ${tag}`, email: `ack-${tag}@team.test` }).returning();
    const [lead] = await db.insert(leads).values({ email: `ack-${tag}@lead.test`, ownerId: owner!.id }).returning();
    const id = randomUUID();
    const token = randomBytes(18).toString('base64url');
    await db.insert(handoffs).values({ id, leadId: lead!.id, ownerId: owner!.id, reason: 'Score reached 60', requestKey: `role-table:${id}`, workflowId: `handoff-${id}`, ackToken: token });
    return { id, leadId: lead!.id, token };
  }
  const acknowledged = async (id: string) => (await db.select().from(handoffs).where(eq(handoffs.id, id)))[0]?.acknowledgedAt ?? null;
  const ackRoute = async () => (await routes()).find((r) => r.key === 'POST /api/handoff/[id]/ack')!;
  const post = (r: Handler, id: string, init: { form?: Record<string, string>; key?: string }) =>
    r(
      new Request(`http://127.0.0.1/api/handoff/${id}/ack`, {
        method: 'POST',
        headers: init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : { 'content-type': 'application/json', ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
        body: init.form ? new URLSearchParams(init.form).toString() : '{}',
      }),
      { params: Promise.resolve({ id }) },
    );

  it('lists only routes this test proves', () => {
    const withToken = Object.entries(ROUTE_ACCESS).filter(([, a]) => a.kind === 'apiKey' && a.orToken).map(([k]) => k);
    expect(withToken).toEqual(['POST /api/handoff/[id]/ack']);
  });

  it('POST /api/handoff/[id]/ack: the link page\'s token acknowledges without a key or session; a wrong token does not', async () => {
    const { handler } = await ackRoute();
    const h = await openHandoff();
    const wrong = await post(handler, h.id, { form: { token: 'not-the-token' } });
    expect(wrong.status).toBe(404);
    expect(await acknowledged(h.id)).toBeNull();
    // Neither a token nor a key: the role table's rule answers.
    expect((await post(handler, h.id, {})).status).toBe(401);
    expect(await acknowledged(h.id)).toBeNull();

    const res = await post(handler, h.id, { form: { token: h.token } });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!).pathname).toBe(`/leads/${h.leadId}`);
    expect(await acknowledged(h.id)).toBeInstanceOf(Date);
  });

  it('POST /api/handoff/[id]/ack: an ingest key acknowledges without the token; a read key may not', async () => {
    const { handler } = await ackRoute();
    const h = await openHandoff();
    const ingest = await createApiKey(db, { name: 'ack ingest', scopes: ['ingest'], createdBy: null });
    const read = await createApiKey(db, { name: 'ack read', scopes: ['read'], createdBy: null });
    expect((await post(handler, h.id, { key: read.key })).status).toBe(403);
    expect(await acknowledged(h.id)).toBeNull();
    const res = await post(handler, h.id, { key: ingest.key });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ handoff_id: h.id, newly_acknowledged: true });
    expect(await acknowledged(h.id)).toBeInstanceOf(Date);
  });
});
