import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeys, journeyVersions, scoringRules, settings } from '@/db/schema';
import { defaultLikeJourney } from '@/lib/journey/engine/fixtures';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import type { Db } from '@/db/client';
import { configVersion, freshConfigVersion, ingestConfig } from './ingest-config';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase({ isolated: true });
});
afterAll(async () => tdb?.stop());

describe('ingestion config cache', () => {
  it('serves the cached config while nothing changed', async () => {
    const first = await ingestConfig(tdb.db);
    expect(await ingestConfig(tdb.db)).toBe(first);
  });

  it('sees a journey published by any writer (another process, raw SQL) on the next request', async () => {
    const before = await ingestConfig(tdb.db);
    // Written directly, as another Next process or a script would: nothing in this process is told.
    const [j] = await tdb.db.insert(journeys).values({ name: `cache ${randomUUID()}`, draftGraph: {}, status: 'published', publishedVersion: 1 }).returning();
    await tdb.db.insert(journeyVersions).values({ journeyId: j!.id, version: 1, definition: defaultLikeJourney(), graph: {} });
    const after = await ingestConfig(tdb.db);
    expect(after).not.toBe(before);
    expect(after.journeys.map((x) => x.journeyId)).toContain(j!.id);

    await tdb.db.update(journeys).set({ status: 'archived' }).where(eq(journeys.id, j!.id));
    expect((await ingestConfig(tdb.db)).journeys.map((x) => x.journeyId)).not.toContain(j!.id);
  });

  it('sees rule, threshold and hand-off-now edits at once', async () => {
    const [rule] = await tdb.db.insert(scoringRules).values({ name: 'cache probe', kind: 'event', eventType: `probe_${randomUUID().slice(0, 8)}`, points: 7 }).returning();
    expect((await ingestConfig(tdb.db)).rules.find((r) => r.id === rule!.id)?.points).toBe(7);
    await tdb.db.update(scoringRules).set({ points: -7 }).where(eq(scoringRules.id, rule!.id));
    expect((await ingestConfig(tdb.db)).rules.find((r) => r.id === rule!.id)?.points).toBe(-7);

    await tdb.db.insert(settings).values({ key: 'handoff_now_events', value: ['request_quote'] }).onConflictDoUpdate({ target: settings.key, set: { value: ['request_quote'] } });
    expect((await ingestConfig(tdb.db)).hotLane.handoffNowEvents).toEqual(['request_quote']);
    await tdb.db.insert(settings).values({ key: 'stage_thresholds', value: { hot: 70 } }).onConflictDoUpdate({ target: settings.key, set: { value: { hot: 70 } } });
    expect((await ingestConfig(tdb.db)).thresholds.hot).toBe(70);
  });

  it('a draft autosave does not invalidate; a rolled-back change does not either', async () => {
    const [j] = await tdb.db.insert(journeys).values({ name: `draft ${randomUUID()}`, draftGraph: {} }).returning();
    const v = await configVersion(tdb.db);
    await tdb.db.update(journeys).set({ draftGraph: { nodes: [] }, draftRevision: sql`${journeys.draftRevision} + 1`, updatedAt: new Date() }).where(eq(journeys.id, j!.id));
    expect(await configVersion(tdb.db)).toBe(v);
    await tdb.db
      .transaction(async (tx) => {
        await tx.update(journeys).set({ name: 'renamed' }).where(eq(journeys.id, j!.id));
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await configVersion(tdb.db)).toBe(v);
    await tdb.db.update(journeys).set({ name: 'renamed' }).where(eq(journeys.id, j!.id));
    expect(await configVersion(tdb.db)).toBe(v + 1);
  });
});

describe('the shared config_version read', () => {
  /** The same database, counting the statements sent through it. */
  function counting(): { db: Db; reads: () => number } {
    let n = 0;
    const db = new Proxy(tdb.db, {
      get(target, key) {
        if (key === 'execute') return (...args: Parameters<Db['execute']>) => (n++, target.execute(...args));
        return Reflect.get(target, key) as unknown;
      },
    });
    return { db, reads: () => n };
  }

  it('concurrent callers share reads, and each still sees a change committed before it asked', async () => {
    const { db, reads } = counting();
    const before = await freshConfigVersion(db);
    const burst = await Promise.all(Array.from({ length: 50 }, () => freshConfigVersion(db)));
    expect(burst.every((v) => v === before)).toBe(true);
    expect(reads()).toBeLessThanOrEqual(3);

    await tdb.db.execute(sql`update config_version set version = version + 1 where id = 1`);
    const after = await Promise.all(Array.from({ length: 10 }, () => freshConfigVersion(db)));
    expect(after.every((v) => v === before + 1)).toBe(true);
  });

  it('a request that read the version for its API key does not read it again for its events', async () => {
    const { db, reads } = counting();
    const arrived = performance.now();
    await freshConfigVersion(db, arrived);
    const n = reads();
    await freshConfigVersion(db, arrived);
    expect(reads()).toBe(n);
    // A later request gets a read of its own.
    await freshConfigVersion(db);
    expect(reads()).toBe(n + 1);
  });
});
