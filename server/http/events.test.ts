/** The lean POST /api/events path answers exactly as the Next route does: same statuses, bodies and error fields, plus the proxy's checks and headers. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Sql } from '@/db/client';
import { eventInbox, leads } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { stampPeerAddress } from '@/lib/api/client-address';
import { env } from '@/lib/env';
import { getInboxApplier } from '@/server/context';
import { createApiKey, revokeApiKey } from '@/server/services/api-keys';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let server: http.Server;
let base: string;
let key: string;
let leadId: string;
let nextRoute: (req: Request) => Promise<Response>;

beforeAll(async () => {
  tdb = await startTestDatabase({ isolated: true });
  await seedDatabase(tdb.db, { devApiKey: null });
  // The lean path and the route use the process-wide pool (db/client's getDb), as in the app's server: here, this database.
  (globalThis as unknown as { leadflowDb?: { db: Db; sql: Sql } }).leadflowDb = { db: tdb.db, sql: tdb.sql };
  // Nothing here needs applying, and a still applier keeps the inbox depth (backpressure's input) where the test puts it.
  getInboxApplier().stop();
  key = (await createApiKey(tdb.db, { name: 'lean-path', scopes: ['ingest'], createdBy: null })).key;
  const [lead] = await tdb.db.insert(leads).values({ email: `lean-${randomUUID().slice(0, 8)}@acme.test`, source: 'api' }).returning({ id: leads.id });
  leadId = lead!.id;
  const events = await import('./events');
  nextRoute = (await import('@/app/api/events/route')).POST;
  server = http.createServer((req, res) => {
    stampPeerAddress(req);
    if (events.isEventsPost(req)) void events.serveEvents(req, res);
    else res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await tdb?.stop();
});

type Call = { body?: string; headers?: Record<string, string> };
const withKey = (k: string | null, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...(k ? { authorization: `Bearer ${k}` } : {}), ...extra });

async function lean(call: Call) {
  const res = await fetch(`${base}/api/events`, { method: 'POST', headers: call.headers ?? withKey(key), body: call.body });
  return { status: res.status, json: (await res.json()) as unknown, headers: res.headers };
}
async function viaNext(call: Call) {
  const res = await nextRoute(new Request('http://app.test/api/events', { method: 'POST', headers: call.headers ?? withKey(key), body: call.body }));
  return { status: res.status, json: (await res.json()) as unknown, headers: res.headers };
}
/** The same request, with event ids made unique per path, through both; returns the lean answer after checking they agree. */
async function both(make: (tag: string) => Call) {
  const a = await lean(make('lean'));
  const b = await viaNext(make('next'));
  expect({ status: a.status, json: a.json }).toEqual({ status: b.status, json: b.json });
  expect(a.headers.get('retry-after')).toBe(b.headers.get('retry-after'));
  return a;
}
const one = (tag: string, extra: Record<string, unknown> = {}) => JSON.stringify({ event_id: `lean-${tag}-${randomUUID()}`, lead_id: leadId, type: 'email_open', ...extra });

describe('POST /api/events on the lean path', () => {
  it('stores an event and answers 202 with the proxy’s security headers and no compression', async () => {
    const id = `lean-stored-${randomUUID()}`;
    const res = await lean({ body: JSON.stringify({ event_id: id, lead_id: leadId, type: 'email_open' }) });
    expect(res).toMatchObject({ status: 202, json: { accepted: 1, duplicates: 0, rejected: [] } });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const stored = await tdb.db.select({ leadId: eventInbox.leadId }).from(eventInbox).where(eq(eventInbox.eventId, id));
    expect(stored).toEqual([{ leadId }]);
    const again = await lean({ body: JSON.stringify({ event_id: id, lead_id: leadId, type: 'email_open' }) });
    expect(again).toMatchObject({ status: 202, json: { accepted: 0, duplicates: 1 } });
  });

  it('answers every refusal as the Next route does, naming the field', async () => {
    expect((await both(() => ({ headers: withKey(null), body: one('x') }))).json).toMatchObject({ field: 'authorization' });
    expect((await both(() => ({ headers: withKey('lf_not_a_key'), body: one('x') }))).status).toBe(401);
    expect((await both(() => ({ body: '{"event_id": ' }))).json).toMatchObject({ field: 'body' });
    expect((await both(() => ({ body: '' }))).json).toMatchObject({ field: 'body' });
    expect((await both((t) => ({ body: one(t, { type: 'Not A Type!' }) }))).json).toMatchObject({ field: 'type', issues: [expect.objectContaining({ field: 'type' })] });
    expect((await both((t) => ({ body: one(t, { lead_id: undefined }) }))).json).toMatchObject({ field: 'lead_id' });
    expect(await both((t) => ({ body: one(t, { lead_id: randomUUID() }) }))).toMatchObject({ status: 404, json: { field: 'lead_id' } });
    expect(await both((t) => ({ body: one(t, { type: 'never_heard_of_it' }) }))).toMatchObject({ status: 400, json: { field: 'type' } });
    const batch = await both((t) => ({ body: JSON.stringify({ events: [JSON.parse(one(t)), { event_id: 'x' }, JSON.parse(one(t, { lead_id: randomUUID() }))] }) }));
    expect(batch).toMatchObject({ status: 202, json: { accepted: 1, rejected: [{ index: 1, field: 'type' }, { index: 2, field: 'lead_id' }] } });
    expect((await both(() => ({ body: JSON.stringify({ events: [] }) }))).json).toMatchObject({ field: 'events' });
  });

  it('refuses a body over MAX_BODY_BYTES with a 413, whether declared or streamed', async () => {
    const big = JSON.stringify({ event_id: 'big', lead_id: leadId, type: 'email_open', properties: { pad: 'x'.repeat(env().MAX_BODY_BYTES) } });
    expect(await both(() => ({ body: big }))).toMatchObject({ status: 413 });
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/events`, { method: 'POST', headers: { ...withKey(key), 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(big);
    });
    expect(streamed).toBe(413);
  });

  it('refuses a revoked key at once, and a cross-site browser post as the proxy does', async () => {
    const k = await createApiKey(tdb.db, { name: 'lean-revoke', scopes: ['ingest'], createdBy: null });
    expect((await lean({ headers: withKey(k.key), body: one('r') })).status).toBe(202);
    await revokeApiKey(tdb.db, k.id);
    expect(await lean({ headers: withKey(k.key), body: one('r') })).toMatchObject({ status: 401, json: { field: 'authorization' } });
    const read = await createApiKey(tdb.db, { name: 'lean-read', scopes: ['read'], createdBy: null });
    expect(await lean({ headers: withKey(read.key), body: one('r') })).toMatchObject({ status: 403, json: { field: 'authorization' } });
    const cross = await lean({ headers: withKey(key, { origin: 'https://evil.example' }), body: one('c') });
    expect(cross).toMatchObject({ status: 403, json: { field: 'origin' } });
    expect((await lean({ headers: withKey(key, { origin: base }), body: one('c') })).status).toBe(202);
  });

  it('answers 503 with Retry-After when the inbox is full, storing nothing', async () => {
    const applier = getInboxApplier();
    applier.added(env().EVENT_INBOX_MAX);
    try {
      const id = `lean-full-${randomUUID()}`;
      const res = await both(() => ({ body: JSON.stringify({ event_id: id, lead_id: leadId, type: 'email_open' }) }));
      expect(res).toMatchObject({ status: 503, json: { field: 'events' } });
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await tdb.db.select().from(eventInbox).where(eq(eventInbox.eventId, id))).toEqual([]);
    } finally {
      applier.added(-env().EVENT_INBOX_MAX);
    }
  });
});
