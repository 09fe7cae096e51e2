/** A journey's own update_lead step reaches goals: its run gets its goal back to exit there, other journeys' runs the exit signal. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyRuns, journeys, journeyVersions, leads, signalOutbox } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createJourneyActivities } from './journey-activities';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => tdb?.stop());

const acts = () => createJourneyActivities({ db: tdb.db, fetch: async () => new Response(null, { status: 204 }), signingSecret: 's' });
const opportunity = { on: 'lead', match: 'all', rules: [{ field: 'lifecycle', op: 'in', value: ['opportunity', 'customer'] }], label: '' };

async function journey(goal?: Record<string, unknown>): Promise<string> {
  const definition = { schemaVersion: 1, name: `self goal ${randomUUID()}`, nodes: [{ id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured', ...(goal ? { goal } : {}) } }], edges: [] } as unknown as JourneyDefinition;
  const [j] = await tdb.db.insert(journeys).values({ name: definition.name, draftGraph: {}, status: 'published', publishedVersion: 1 }).returning({ id: journeys.id });
  await tdb.db.insert(journeyVersions).values({ journeyId: j!.id, version: 1, definition, graph: {} });
  return j!.id;
}

async function run(leadId: string, journeyId: string): Promise<string> {
  const workflowId = `lead-${leadId}-journey-${journeyId}`;
  await tdb.db.insert(journeyRuns).values({ leadId, journeyId, journeyVersion: 1, workflowId, status: 'running', currentNode: 'trigger' });
  return workflowId;
}

const runRow = async (workflowId: string) => (await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.workflowId, workflowId)))[0]!;
const goalSignals = (workflowId: string) => tdb.db.select().from(signalOutbox).where(and(eq(signalOutbox.workflowId, workflowId), eq(signalOutbox.signal, 'goalReached')));

describe('update_lead and journey goals', () => {
  it("meets its own run's goal and another journey's, and leaves a journey without a goal running", async () => {
    const [l] = await tdb.db.insert(leads).values({ email: `self-${randomUUID().slice(0, 8)}@acme.test` }).returning({ id: leads.id });
    const leadId = l!.id;
    const own = await run(leadId, await journey(opportunity));
    const other = await run(leadId, await journey({ ...opportunity, label: 'Sales accepted' }));
    const plain = await run(leadId, await journey());

    // A step that changes nothing a goal reads, or falls short of it, reaches nothing.
    expect(await acts().updateLead({ leadId, workflowId: own, lifecycle: 'sql' })).toEqual({});
    expect((await runRow(own)).goalReachedAt).toBeNull();

    const result = await acts().updateLead({ leadId, workflowId: own, lifecycle: 'opportunity' });
    expect(result).toEqual({ goal: { at: expect.any(String), reason: 'Became an opportunity' } });
    expect((await tdb.db.select().from(leads).where(eq(leads.id, leadId)))[0]!.lifecycle).toBe('opportunity');
    // Its own run exits from the step itself: marked converted, but no signal.
    expect((await runRow(own)).goalReachedAt).not.toBeNull();
    expect(await goalSignals(own)).toEqual([]);
    expect((await runRow(other)).goalReachedAt).not.toBeNull();
    expect((await goalSignals(other)).map((s) => s.payload)).toEqual([{ at: expect.any(String), reason: 'Sales accepted' }]);
    expect((await runRow(plain)).goalReachedAt).toBeNull();

    // A retried step (its first answer lost) gets the same goal back, and signals nobody twice.
    expect(await acts().updateLead({ leadId, workflowId: own, lifecycle: 'opportunity' })).toEqual({ goal: { at: result.goal!.at, reason: 'Became an opportunity' } });
    expect(await goalSignals(other)).toHaveLength(1);
  });
});
