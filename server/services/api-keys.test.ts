import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createApiKey, requireApiKey, revokeApiKey } from './api-keys';

let tdb: TestDatabase;
/** Another process's pool on the same database: its writes reach this process's cache only through Postgres. */
let other: ReturnType<typeof createDb>;
beforeAll(async () => {
  tdb = await startTestDatabase();
  other = createDb(tdb.url, 1);
});
afterAll(async () => {
  await other?.sql.end();
  await tdb?.stop();
});

const request = (key: string) => new Request('http://x/api/events', { method: 'POST', headers: { authorization: `Bearer ${key}` } });

it('a cached key is refused by the first request after a revoke, in this process or another', async () => {
  const here = await createApiKey(tdb.db, { name: 'cache-here', scopes: ['ingest'], createdBy: null });
  await requireApiKey(tdb.db, request(here.key));
  await requireApiKey(tdb.db, request(here.key));
  await revokeApiKey(tdb.db, here.id);
  await expect(requireApiKey(tdb.db, request(here.key))).rejects.toMatchObject({ status: 401, field: 'authorization' });

  const there = await createApiKey(tdb.db, { name: 'cache-there', scopes: ['ingest'], createdBy: null });
  await requireApiKey(tdb.db, request(there.key));
  await other.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, there.id));
  await expect(requireApiKey(tdb.db, request(there.key))).rejects.toMatchObject({ status: 401 });
});

it('a scope taken away elsewhere is a 403 at once, and concurrent requests all see the change', async () => {
  const k = await createApiKey(tdb.db, { name: 'cache-scope', scopes: ['ingest', 'read'], createdBy: null });
  await Promise.all(Array.from({ length: 20 }, () => requireApiKey(tdb.db, request(k.key), 'read')));
  await other.db.update(apiKeys).set({ scopes: ['ingest'] }).where(eq(apiKeys.id, k.id));
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => requireApiKey(tdb.db, request(k.key), 'read')));
  expect(results.every((r) => r.status === 'rejected' && (r.reason as { status: number }).status === 403)).toBe(true);
  await requireApiKey(tdb.db, request(k.key), 'ingest');
});

it('last use is recorded without bumping the cache away', async () => {
  const k = await createApiKey(tdb.db, { name: 'cache-touch', scopes: ['ingest'], createdBy: null });
  await requireApiKey(tdb.db, request(k.key));
  const [row] = await tdb.db.select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, k.id));
  expect(row!.lastUsedAt).not.toBeNull();
  await expect(requireApiKey(tdb.db, request('lf_not_a_key'))).rejects.toMatchObject({ status: 401 });
});
