import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { seedDatabase } from '@/db/seed';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let caller: ReturnType<typeof callerAs>;

beforeAll(async () => {
  tdb = await startTestDatabase();
  await seedDatabase(tdb.db, { devApiKey: 'lf_test_xxxxxxxxxxxxxxxxxxxxxxxx' });
  caller = callerAs(tdb.db);
});
afterAll(async () => {
  await tdb?.stop();
});

const name = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

describe('journeys router', () => {
  it('creates from the default template, which compiles clean and publishes', async () => {
    const { id } = await caller.journeys.create({ name: name('From template'), from: 'default' });
    const journey = await caller.journeys.get({ id });
    expect(journey.graph.nodes.length).toBeGreaterThan(5);
    const published = await caller.journeys.publish({ id, acceptWarnings: true });
    expect(published).toMatchObject({ ok: true, version: 1 });
    const list = await caller.journeys.list();
    expect(list.find((j) => j.id === id)).toMatchObject({ status: 'published', publishedVersion: 1, leadsRunning: 0 });
  });

  it('refuses a save based on a stale revision with CONFLICT', async () => {
    const { id } = await caller.journeys.create({ name: name('Conflict'), from: 'blank' });
    const { revision, graph } = await caller.journeys.get({ id });
    const saved = await caller.journeys.saveDraft({ id, graph, baseRevision: revision });
    expect(saved.revision).toBe(revision + 1);
    // The second tab still holds the old revision.
    const stale = caller.journeys.saveDraft({ id, graph: { nodes: [], edges: [] }, baseRevision: revision });
    await expect(stale).rejects.toBeInstanceOf(TRPCError);
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller.journeys.get({ id })).graph.nodes).toHaveLength(1);
  });

  it('refuses to publish a draft with problems and reports them per node', async () => {
    const { id } = await caller.journeys.create({ name: name('Broken'), from: 'blank' });
    const { revision } = await caller.journeys.get({ id });
    await caller.journeys.saveDraft({
      id,
      baseRevision: revision,
      graph: {
        nodes: [
          { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { label: '', config: { on: 'lead_captured' } } },
          { id: 'mail', type: 'send_email', position: { x: 200, y: 0 }, data: { label: '', config: { template: '', variants: [], oncePerLead: true } } },
        ],
        edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'mail' }],
      },
    });
    const result = await caller.journeys.publish({ id, acceptWarnings: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.nodeId === 'mail')).toBe(true);
    expect((await caller.journeys.versions({ id }))).toHaveLength(0);
  });

  it('publishes v2 and lists versions with a diff against v1', async () => {
    const { id } = await caller.journeys.create({ name: name('Versioned'), from: 'default' });
    expect(await caller.journeys.publish({ id, acceptWarnings: true })).toMatchObject({ ok: true, version: 1 });
    const { graph, revision } = await caller.journeys.get({ id });
    // v2: rename Email C and put a one-hour wait between the hand-off and its exit.
    const pause = { id: 'pause', type: 'wait' as const, position: { x: 0, y: 600 }, data: { label: 'Pause', config: { duration: { amount: 1, unit: 'hours' as const } } } };
    const next = {
      nodes: [...graph.nodes.map((n) => (n.id === 'email-c' ? { ...n, data: { ...n.data, label: 'Renamed email' } } : n)), pause],
      edges: [
        ...graph.edges.filter((e) => e.source !== 'handoff'),
        { id: 'e-handoff-pause', source: 'handoff', sourceHandle: 'next', target: 'pause' },
        { id: 'e-pause-exit', source: 'pause', sourceHandle: 'next', target: 'exit-handed-off' },
      ],
    };
    await caller.journeys.saveDraft({ id, graph: next, baseRevision: revision });
    const oldName = graph.nodes.find((n) => n.id === 'email-c')!.data.label;
    expect((await caller.journeys.list()).find((j) => j.id === id)).toMatchObject({ unpublishedChanges: true });
    const review = await caller.journeys.reviewPublish({ id });
    expect(review).toMatchObject({ liveVersion: 1, nextVersion: 2, leadsStayingOnOld: 0 });
    expect(review.diff.lines).toEqual(expect.arrayContaining(['Added step “Pause”', `Renamed email: Name ${oldName} → Renamed email`, 'Connected Pause → Handed off']));
    expect(await caller.journeys.publish({ id, acceptWarnings: true })).toMatchObject({ ok: true, version: 2 });
    expect((await caller.journeys.list()).find((j) => j.id === id)).toMatchObject({ unpublishedChanges: false });
    const versions = await caller.journeys.versions({ id });
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]!.changes).toEqual(review.diff.lines);
    expect(versions[0]!.leadsTotal).toBe(0);

    // v1 opens as it was, compares against v2 in words, and comes back as the draft.
    const v1 = await caller.journeys.version({ id, version: 1, compareTo: 2 });
    expect(v1.graph.nodes.find((n) => n.id === 'email-c')!.data.label).toBe(oldName);
    expect(v1.compare!.diff.lines).toEqual(review.diff.lines);
    await caller.journeys.restoreVersion({ id, version: 1 });
    const restored = await caller.journeys.get({ id });
    expect(restored.graph.nodes.find((n) => n.id === 'email-c')!.data.label).toBe(oldName);
    expect(restored.publishedVersion).toBe(2);
    expect((await caller.journeys.list()).find((j) => j.id === id)).toMatchObject({ unpublishedChanges: true });
    await expect(caller.journeys.version({ id, version: 9 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('undoes an archive back to published', async () => {
    const { id } = await caller.journeys.create({ name: name('Archived'), from: 'default' });
    await caller.journeys.publish({ id, acceptWarnings: true });
    await caller.journeys.archive({ id });
    expect((await caller.journeys.list()).some((j) => j.id === id)).toBe(false);
    expect(await caller.journeys.unarchive({ id })).toMatchObject({ status: 'published' });
    expect((await caller.journeys.list()).find((j) => j.id === id)).toMatchObject({ status: 'published' });
  });

  it('simulates a hot lead reaching the hand-off through the real interpreter', async () => {
    const { id } = await caller.journeys.create({ name: name('Simulated'), from: 'default' });
    const { graph } = await caller.journeys.get({ id });
    const result = await caller.journeys.simulate({
      id,
      graph,
      lead: { jobTitle: 'Director of Sales', companySize: 200 },
      events: [
        { type: 'visit_pricing', atMs: 0 },
        { type: 'schedule_demo', atMs: 2 * 86_400_000 },
      ],
      horizonDays: 14,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.timeline.length).toBeGreaterThan(1);
    expect(result.path[0]).toBe('trigger');
  });

  it('renames, duplicates and archives', async () => {
    const { id } = await caller.journeys.create({ name: name('Original'), from: 'default' });
    await caller.journeys.rename({ id, name: 'Renamed journey' });
    const copy = await caller.journeys.duplicate({ id });
    expect((await caller.journeys.get({ id: copy.id })).name).toBe('Copy of Renamed journey');
    await caller.journeys.archive({ id });
    expect((await caller.journeys.list()).some((j) => j.id === id)).toBe(false);
    const overlay = await caller.journeys.overlay({ id: copy.id });
    expect(overlay.version).toBeNull();
  });
});
