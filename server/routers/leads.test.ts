/** The leads list (search, filters, pagination) and one lead's details through createCaller on real Postgres. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { leadEvents, leads, leadTouchpoints, salesOwners, scoreChanges } from '@/db/schema';
import superjson from 'superjson';
import { seedDatabase } from '@/db/seed';
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
afterAll(async () => tdb.stop());

describe('leads.list', () => {
  it('searches by email domain, pages newest first, and filters by stage and hot', async () => {
    const domain = `list-${randomUUID().slice(0, 8)}.test`;
    const t0 = Date.now() - 60_000;
    const rows = await db
      .insert(leads)
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          email: `p${i}@${domain}`,
          firstName: `Person${i}`,
          score: i * 20,
          stage: (['cold', 'warm', 'warm', 'hot', 'hot'] as const)[i]!,
          isHot: i >= 3,
          createdAt: new Date(t0 + i * 1000),
        })),
      )
      .returning();
    const ids = rows.map((r) => r.id);

    const p1 = await caller().leads.list({ q: domain, pageSize: 2 });
    expect(p1.total).toBe(5);
    expect(p1.items.map((l) => l.id)).toEqual([ids[4], ids[3]]);
    const p3 = await caller().leads.list({ q: domain, pageSize: 2, page: 3 });
    expect(p3.items.map((l) => l.id)).toEqual([ids[0]]);

    expect((await caller().leads.list({ q: domain, stage: 'warm' })).items.map((l) => l.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect((await caller().leads.list({ q: domain, hotOnly: true })).total).toBe(2);
    // Search matches names too, and `%` is literal, not a wildcard.
    expect((await caller().leads.list({ q: `${domain.slice(0, 13)}` })).items.some((l) => l.id === ids[0])).toBe(true);
    expect((await caller().leads.list({ q: `%${domain}` })).total).toBe(0);
  });
});

describe('leads.list accent-insensitive search', () => {
  it('finds Vietnamese names and companies typed without accents, in either name order, through the trigram index', async () => {
    const tag = randomUUID().slice(0, 8);
    const [lan] = await db
      .insert(leads)
      .values({ email: `lan-${tag}@vn.test`, firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first', company: `Công ty Sao Việt ${tag}` })
      .returning();
    const ids = async (q: string) => (await caller().leads.list({ q, pageSize: 100 })).items.map((l) => l.id);
    expect(await ids(`nguyen thi lan`)).toContain(lan!.id);
    expect(await ids(`NGUYEN`)).toContain(lan!.id);
    expect(await ids(`lan nguyen`)).toContain(lan!.id);
    expect(await ids(`sao viet ${tag}`)).toEqual([lan!.id]);
    expect(await ids(`Sao  Việt ${tag}`)).toEqual([lan!.id]);
    expect(await ids(`đào ${tag}`)).toEqual([]);

    await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = await tx.execute(sql`explain select id from leads where lf_lead_search_text(email, first_name, last_name, company) like lower(lf_unaccent('%sao viet%'))`);
      expect(JSON.stringify(plan)).toContain('leads_search_trgm_idx');
    });
  });
});

describe('leads.list link filters (the dashboard and imports link with these)', () => {
  it('filters by first-touch source, UTM campaign, lifecycle reached, owner and created day range', async () => {
    const tag = randomUUID().slice(0, 8);
    const [owner] = await db.insert(salesOwners).values({ handle: `rep-${tag}`, name: 'Rep', email: `rep-${tag}@sales.test` }).returning();
    const rows = await db
      .insert(leads)
      .values([
        { email: `a-${tag}@f.test`, source: `src-${tag}`, lifecycle: 'lead', createdAt: new Date('2026-03-01T10:00:00Z') },
        { email: `b-${tag}@f.test`, source: `src-${tag}`, lifecycle: 'sql', ownerId: owner!.id, createdAt: new Date('2026-03-02T23:59:00Z') },
        { email: `c-${tag}@f.test`, source: 'other', lifecycle: 'customer', createdAt: new Date('2026-03-03T00:00:00Z') },
      ])
      .returning();
    const [a, b, c] = rows.map((r) => r.id);
    await db.insert(leadTouchpoints).values({ leadId: a!, captureKey: `k-${tag}`, source: `src-${tag}`, utmCampaign: `camp-${tag}` });
    const ids = async (f: Parameters<ReturnType<typeof caller>['leads']['list']>[0]) => (await caller().leads.list({ q: tag, ...f })).items.map((l) => l.id).sort();
    expect(await ids({ source: `src-${tag}` })).toEqual([a, b].sort());
    expect(await ids({ utmCampaign: `camp-${tag}` })).toEqual([a]);
    expect(await ids({ lifecycle: 'sql' })).toEqual([b, c].sort());
    expect(await ids({ owner: `rep-${tag}` })).toEqual([b]);
    expect(await ids({ createdFrom: '2026-03-02', createdTo: '2026-03-02' })).toEqual([b]);
    expect(await ids({ createdFrom: '2026-03-02' })).toEqual([b, c].sort());
    await expect(caller().leads.list({ createdFrom: '2026-13-45' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('leads.byId', () => {
  it('returns the lead with its score explanation, and NOT_FOUND for an unknown id', async () => {
    const [lead] = await db.insert(leads).values({ email: `why-${randomUUID().slice(0, 8)}@byid.test`, score: 35 }).returning();
    await db.insert(scoreChanges).values([
      { leadId: lead!.id, ruleName: 'Registered for a webinar', points: 20, scoreAfter: 20 },
      { leadId: lead!.id, ruleName: 'Downloaded a whitepaper', points: 15, scoreAfter: 35 },
    ]);
    const d = await caller().leads.byId({ id: lead!.id });
    expect(d.lead.score).toBe(35);
    expect(d.scoreChanges.map((c) => [c.ruleName, c.points])).toEqual([
      ['Downloaded a whitepaper', 15],
      ['Registered for a webinar', 20],
    ]);
    await expect(caller().leads.byId({ id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('leads.byId with prototype-named properties', () => {
  it('reaches the page as key/value entries that superjson carries, instead of failing the page for good', async () => {
    const properties = { constructor: { prototype: 1 }, plan: 'pro' };
    const [lead] = await db.insert(leads).values({ email: `proto-${randomUUID().slice(0, 8)}@acme.test`, properties }).returning();
    await db.insert(leadEvents).values({ eventId: `proto-${randomUUID()}`, leadId: lead!.id, type: 'page_view', properties });
    expect(() => superjson.serialize({ properties })).toThrow(/constructor/);
    const details = await caller().leads.byId({ id: lead!.id });
    // jsonb orders keys its own way; the entries are what matter.
    expect([...details.lead.properties].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'constructor', value: '{"prototype":1}' },
      { key: 'plan', value: 'pro' },
    ]);
    expect(details.events[0]!.properties).toEqual(details.lead.properties);
    const roundTrip = superjson.deserialize<typeof details>(superjson.serialize(details));
    expect(roundTrip.lead.properties).toEqual(details.lead.properties);
  });
});

describe('Postgres data errors through tRPC', () => {
  it('answers BAD_REQUEST, not a 500, when Postgres refuses a value the input schema let through', async () => {
    // A NUL byte passes the list's search schema but Postgres cannot hold it in text (SQLSTATE 22021).
    const err = await caller()
      .leads.list({ q: 'nul\u0000byte' })
      .then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_REQUEST' });
    expect(String((err as Error).message)).toMatch(/could not be stored/);
  });
});
