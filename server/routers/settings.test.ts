/** Settings through createCaller on real Postgres: the sending limit and a scoring rule edit with its change log. */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { seedDatabase } from '@/db/seed';
import { loadJourneySettings } from '@/lib/journey/settings';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
const caller = () => callerAs(db);

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_0123456789abcdef0123' });
});
afterAll(async () => {
  await caller().settings.saveSending({ maxEmailsPer24h: 3 });
  await tdb.stop();
});

describe('settings', () => {
  it('stores the per-lead sending limit that new runs and every send read, and refuses nonsense naming the field', async () => {
    expect(await caller().settings.sending()).toEqual({ maxEmailsPer24h: 3 });
    await caller().settings.saveSending({ maxEmailsPer24h: 5 });
    expect(await loadJourneySettings(db)).toEqual({ maxEmailsPer24h: 5 });
    const refused = await caller().settings.saveSending({ maxEmailsPer24h: 0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    expect((refused as TRPCError).message).toContain('maxEmailsPer24h');
    expect(await loadJourneySettings(db)).toEqual({ maxEmailsPer24h: 5 });
  });

  it('records a scoring rule edit in the change log with its before and after', async () => {
    // A rule of its own: the seeded ones are shared with router tests running alongside.
    const eventType = `webinar_attend_${Math.random().toString(36).slice(2, 8)}`;
    const rule = await caller().settings.saveRule({ name: 'Attended a webinar', kind: 'event', eventType, points: 7, oncePerLead: true, active: true });
    await caller().settings.saveRule({ id: rule.id, name: rule.name, kind: 'event', eventType, points: 12, oncePerLead: true, active: true });
    const { changes } = await caller().settings.scoring();
    const mine = changes.filter((c) => c.ruleId === rule.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]!.before).toMatchObject({ points: 7 });
    expect(mine[0]!.after).toMatchObject({ points: 12 });
    expect(mine[1]!.before).toBeNull();
  });
});
