import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyRuns, journeys, journeyVersions, leads, signalOutbox } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { captureLead } from '@/lib/capture/capture-lead';
import { ingestEvents } from './ingest-events';
import { reachGoals } from '@/lib/journey/goals';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => tdb?.stop());

/** Publishes a journey whose trigger carries the given enrolment settings. */
async function publish(trigger: Record<string, unknown>): Promise<string> {
  const definition = { schemaVersion: 1, name: `enrol ${randomUUID()}`, nodes: [{ id: 'trigger', kind: 'trigger', label: '', config: trigger }], edges: [] } as unknown as JourneyDefinition;
  const [j] = await tdb.db.insert(journeys).values({ name: definition.name, draftGraph: {}, status: 'published', publishedVersion: 1 }).returning({ id: journeys.id });
  await tdb.db.insert(journeyVersions).values({ journeyId: j!.id, version: 1, definition, graph: {} });
  return j!.id;
}
async function lead(over: Partial<typeof leads.$inferInsert> = {}): Promise<string> {
  const [l] = await tdb.db.insert(leads).values({ email: `enrol-${randomUUID().slice(0, 8)}@acme.test`, source: 'api', ...over }).returning({ id: leads.id });
  return l!.id;
}
const runsOf = (leadId: string, journeyIds: string[]) =>
  tdb.db.select().from(journeyRuns).where(and(eq(journeyRuns.leadId, leadId), inArray(journeyRuns.journeyId, journeyIds)));
const event = (leadId: string, type: string) => ({ event_id: `enrol-${randomUUID()}`, lead_id: leadId, type });

describe('entry conditions at ingestion', () => {
  it('a lead that fails the condition does not enter; one that passes does', async () => {
    const j = await publish({ on: 'event', eventType: 'webinar_register', entry: { match: 'all', rules: [{ field: 'source', op: 'eq', value: 'facebook_ads' }, { field: 'score', op: 'gte', value: 10 }] } });
    const wrongSource = await lead({ source: 'api', score: 30 });
    const lowScore = await lead({ source: 'facebook_ads', score: 5 });
    const passes = await lead({ source: 'facebook_ads', score: 30 });
    await ingestEvents(tdb.db, [event(wrongSource, 'webinar_register'), event(lowScore, 'webinar_register'), event(passes, 'webinar_register')]);
    expect(await runsOf(wrongSource, [j])).toEqual([]);
    expect(await runsOf(lowScore, [j])).toEqual([]);
    expect(await runsOf(passes, [j])).toMatchObject([{ journeyId: j, entry: 1, status: 'starting' }]);
  });

  it('capture-triggered journeys read the new lead (source, fields) the same way', async () => {
    const j = await publish({ on: 'lead_captured', entry: { match: 'all', rules: [{ field: 'lead.jobTitle', op: 'contains', value: 'cto' }] } });
    const cto = await captureLead(tdb.db, { email: `cto-${randomUUID().slice(0, 8)}@acme.test`, source: 'api', job_title: 'CTO', properties: {} });
    const intern = await captureLead(tdb.db, { email: `intern-${randomUUID().slice(0, 8)}@acme.test`, source: 'api', job_title: 'Intern', properties: {} });
    expect(await runsOf(cto.leadId, [j])).toHaveLength(1);
    expect(await runsOf(intern.leadId, [j])).toHaveLength(0);
  });
});

describe('priority group', () => {
  it('concurrent events cannot put a lead into two journeys of one group, nor twice into one', async () => {
    const first = await publish({ on: 'event', eventType: 'download_whitepaper', priorityGroup: 'Welcome', priority: 1 });
    const second = await publish({ on: 'event', eventType: 'download_whitepaper', priorityGroup: 'welcome', priority: 2 });
    const free = await publish({ on: 'event', eventType: 'download_whitepaper' });
    const id = await lead();
    const results = await Promise.all(Array.from({ length: 6 }, () => ingestEvents(tdb.db, [event(id, 'download_whitepaper')])));
    expect(results.every((r) => r.accepted === 1)).toBe(true);
    const runs = await runsOf(id, [first, second, free]);
    expect(runs.map((r) => r.journeyId).sort()).toEqual([first, free].sort());
    expect(runs.find((r) => r.journeyId === first)?.priorityGroup).toBe('welcome');
  });

  it('the database refuses a second live run of one group even past the enrolment code', async () => {
    const a = await publish({ on: 'event', eventType: 'visit_pricing', priorityGroup: 'g' });
    const b = await publish({ on: 'event', eventType: 'visit_pricing', priorityGroup: 'g' });
    const id = await lead();
    await tdb.db.insert(journeyRuns).values({ leadId: id, journeyId: a, journeyVersion: 1, workflowId: `x-${randomUUID()}`, priorityGroup: 'g' });
    const again = tdb.db.insert(journeyRuns).values({ leadId: id, journeyId: b, journeyVersion: 1, workflowId: `x-${randomUUID()}`, priorityGroup: 'g' });
    await expect(again).rejects.toThrow();
  });
});

describe('re-entry', () => {
  it('always: a lead whose run ended enters again as entry 2 with its own workflow id; never: it stays out', async () => {
    const always = await publish({ on: 'event', eventType: 'email_click', reentry: { mode: 'always' } });
    const never = await publish({ on: 'event', eventType: 'email_click' });
    const id = await lead();
    await ingestEvents(tdb.db, [event(id, 'email_click')]);
    // Still running: a second click enters nothing.
    await ingestEvents(tdb.db, [event(id, 'email_click')]);
    expect(await runsOf(id, [always, never])).toHaveLength(2);
    await tdb.db.update(journeyRuns).set({ status: 'completed' }).where(eq(journeyRuns.leadId, id));
    await ingestEvents(tdb.db, [event(id, 'email_click')]);
    const runs = await runsOf(id, [always, never]);
    expect(runs.filter((r) => r.journeyId === never)).toHaveLength(1);
    const again = runs.filter((r) => r.journeyId === always).sort((x, y) => x.entry - y.entry);
    expect(again.map((r) => r.entry)).toEqual([1, 2]);
    expect(again[1]!.workflowId).toBe(`lead-${id}-journey-${always}-entry-2`);
  });

  it('after N days: too soon stays out, later enters', async () => {
    const j = await publish({ on: 'event', eventType: 'email_open', reentry: { mode: 'after', days: 7 } });
    const id = await lead();
    await ingestEvents(tdb.db, [event(id, 'email_open')]);
    await tdb.db.update(journeyRuns).set({ status: 'completed', startedAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(journeyRuns.leadId, id));
    await ingestEvents(tdb.db, [event(id, 'email_open')]);
    expect(await runsOf(id, [j])).toHaveLength(1);
    await tdb.db.update(journeyRuns).set({ startedAt: new Date(Date.now() - 8 * 86_400_000) }).where(eq(journeyRuns.leadId, id));
    await ingestEvents(tdb.db, [event(id, 'email_open')]);
    expect(await runsOf(id, [j])).toHaveLength(2);
  });
});

describe('goal', () => {
  it('an event goal: the run is marked converted and told to exit, after the event itself', async () => {
    const j = await publish({ on: 'event', eventType: 'email_click', reentry: { mode: 'always' }, goal: { on: 'event', eventType: 'schedule_demo' } });
    const id = await lead();
    await ingestEvents(tdb.db, [event(id, 'email_click')]);
    const { outboxIds } = await ingestEvents(tdb.db, [event(id, 'schedule_demo')]);
    const [run] = await runsOf(id, [j]);
    expect(run!.goalReachedAt).not.toBeNull();
    // Other journeys of this file also take email_click: only this run's rows.
    const rows = await tdb.db.select().from(signalOutbox).where(and(inArray(signalOutbox.id, outboxIds), eq(signalOutbox.workflowId, run!.workflowId))).orderBy(asc(signalOutbox.id));
    expect(rows.map((r) => r.signal)).toEqual(['leadEvent', 'goalReached']);
    expect(rows[1]).toMatchObject({ workflowId: run!.workflowId, payload: { reason: 'Booked a demo' } });
    // Converted once: a second demo changes nothing.
    const again = await ingestEvents(tdb.db, [event(id, 'schedule_demo')]);
    expect((await tdb.db.select().from(signalOutbox).where(and(inArray(signalOutbox.id, again.outboxIds), eq(signalOutbox.workflowId, run!.workflowId)))).map((r) => r.signal)).toEqual(['leadEvent']);
  });

  it('a lead goal (became an opportunity) is met when the lifecycle moves, not before', async () => {
    const j = await publish({ on: 'event', eventType: 'email_click', goal: { on: 'lead', label: 'Became an opportunity', rules: [{ field: 'lifecycle', op: 'eq', value: 'opportunity' }] } });
    const id = await lead();
    await ingestEvents(tdb.db, [event(id, 'email_click')]);
    expect(await tdb.db.transaction((tx) => reachGoals(tx, [id]))).toEqual([]);
    await tdb.db.update(leads).set({ lifecycle: 'opportunity' }).where(eq(leads.id, id));
    const ids = await tdb.db.transaction((tx) => reachGoals(tx, [id]));
    expect(ids).toHaveLength(1);
    const [row] = await tdb.db.select().from(signalOutbox).where(eq(signalOutbox.id, ids[0]!));
    expect(row).toMatchObject({ signal: 'goalReached', payload: { reason: 'Became an opportunity' } });
    expect((await runsOf(id, [j]))[0]!.goalReachedAt).not.toBeNull();
  });
});
