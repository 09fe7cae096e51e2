/** Experiments on real Postgres: variant counts from messages and hand-offs, the verdict, and declaring a winner. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeyRuns, journeys, journeySteps, journeyVersions, messages } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { journeyDefinitionSchema } from '@/lib/journey/definition';
import type { DraftCanvasGraph } from '@/lib/journey/graph';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
const caller = () => callerAs(db);

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_abcdef0123456789abcd' });
});
afterAll(async () => {
  await tdb.stop();
});

/** A published copy of the default journey whose Email A is split A1 (control) / A2. */
async function abJourney(goal?: Record<string, unknown>, holdoutPercent?: number): Promise<string> {
  const { id } = await caller().journeys.create({ name: `AB ${randomUUID().slice(0, 6)}`, from: 'default' });
  const j = await caller().journeys.get({ id });
  const graph: DraftCanvasGraph = j.graph;
  const node = graph.nodes.find((n) => n.id === 'email-a')!;
  node.data.config = { template: 'email-a-nurture', oncePerLead: true, holdoutPercent, variants: [{ id: 'A1', weight: 50, subject: 'Control subject' }, { id: 'A2', weight: 50, subject: 'Challenger subject' }] };
  const trigger = graph.nodes.find((n) => n.type === 'trigger')!;
  if (goal) trigger.data.config = { ...(trigger.data.config as object), goal };
  await caller().journeys.saveDraft({ id, graph, baseRevision: j.revision });
  const published = await caller().journeys.publish({ id, acceptWarnings: true });
  expect(published).toMatchObject({ ok: true });
  return id;
}

type Outcome = 'queued' | 'sent' | 'delivered' | 'opened' | 'clicked';
async function send(journeyId: string, variant: string, outcome: Outcome, opts: { handoff?: boolean; goalAt?: Date } = {}) {
  const leadId = randomUUID();
  const workflowId = `lead-${leadId}-journey-${journeyId}`;
  await db.insert(journeyRuns).values({ leadId, journeyId, journeyVersion: 1, workflowId, status: 'running', goalReachedAt: opts.goalAt ?? null });
  const order: Outcome[] = ['sent', 'delivered', 'opened', 'clicked'];
  const history = order.slice(0, order.indexOf(outcome) + 1).map((status) => ({ status, at: new Date().toISOString() }));
  const id = randomUUID();
  await db.insert(messages).values({
    id, leadId, workflowId, nodeId: 'email-a', template: 'email-a-nurture', variant, toEmail: `${id.slice(0, 8)}@ab.test`, subject: 's',
    idempotencyKey: `ab:${id}`, providerId: outcome === 'queued' ? null : `p-${id}`, status: outcome, statusHistory: [{ status: 'queued', at: new Date().toISOString() }, ...history],
    createdAt: new Date(Date.now() - 60_000),
  });
  if (opts.handoff) {
    await db.insert(journeySteps).values({ workflowId, leadId, journeyId, journeyVersion: 1, nodeId: 'handoff', kind: 'handoff', stepKey: `${workflowId}:handoff:1` });
  }
}

async function many(journeyId: string, variant: string, n: number, outcome: Outcome, opts: { handoff?: boolean; goalAt?: Date } = {}) {
  for (let i = 0; i < n; i++) await send(journeyId, variant, outcome, opts);
}

describe('experiments', () => {
  it('with a journey goal, converted counts runs that met the goal after the message, per variant, not hand-offs', async () => {
    const journeyId = await abJourney({ on: 'event', eventType: 'schedule_demo', label: 'Booked a demo' });
    await many(journeyId, 'A1', 2, 'clicked', { goalAt: new Date() });
    // A goal met before the message was sent is not this message's conversion.
    await many(journeyId, 'A1', 1, 'clicked', { goalAt: new Date(Date.now() - 3_600_000) });
    await many(journeyId, 'A1', 5, 'delivered', { handoff: true });
    await many(journeyId, 'A2', 4, 'opened', { goalAt: new Date() });
    const [exp] = await caller().experiments.list({ journeyId, metric: 'converted' });
    expect(exp!.goal).toBe('Booked a demo');
    const [a1, a2] = exp!.verdict.variants;
    expect(a1).toMatchObject({ id: 'A1', sent: 8, converted: 2 });
    expect(a2).toMatchObject({ id: 'A2', sent: 4, converted: 4 });
  });

  it('counts each variant from messages and hand-offs and gives the verdict', async () => {
    const journeyId = await abJourney();
    // A1: 40 sent, 4 clicked, 6 opened, 30 delivered-only; plus one never sent, which does not count.
    await many(journeyId, 'A1', 4, 'clicked');
    await many(journeyId, 'A1', 6, 'opened');
    await many(journeyId, 'A1', 30, 'delivered');
    await send(journeyId, 'A1', 'queued');
    // A2: 40 sent, 20 clicked (3 of them reached a hand-off), 20 sent with no delivery report.
    await many(journeyId, 'A2', 3, 'clicked', { handoff: true });
    await many(journeyId, 'A2', 17, 'clicked');
    await many(journeyId, 'A2', 20, 'sent');

    const list = await caller().experiments.list({ journeyId, metric: 'clicked' });
    expect(list).toHaveLength(1);
    const exp = list[0]!;
    expect(exp).toMatchObject({ nodeId: 'email-a', nodeKind: 'send_email', unit: 'emails', weights: { A1: 50, A2: 50 }, concludedWith: null });
    const [a1, a2] = exp.verdict.variants;
    expect(a1).toMatchObject({ id: 'A1', sent: 40, delivered: 40, opened: 10, clicked: 4, converted: 0, clickRate: 0.1 });
    expect(a2).toMatchObject({ id: 'A2', sent: 40, delivered: 20, opened: 20, clicked: 20, converted: 3, clickRate: 0.5 });
    // 4/40 vs 20/40: pooled 0.3, z = 0.4 / sqrt(0.3 · 0.7 · 2/40) = 3.9036, p ≈ 0.0001.
    expect(exp.verdict).toMatchObject({ status: 'winner', winner: 'A2', runnerUp: 'A1' });
    expect(exp.verdict.pValue).toBeCloseTo(0.0000948, 5);

    const byConversion = await caller().experiments.list({ journeyId, metric: 'converted' });
    expect(byConversion[0]!.verdict.status).toBe('not_enough_data');
  });

  it('declares a winner as a new published version that sends only the winner', async () => {
    const journeyId = await abJourney();
    const result = await caller().experiments.declareWinner({ journeyId, nodeId: 'email-a', variantId: 'A2' });
    expect(result).toMatchObject({ version: 2, winner: 'A2' });

    const [v2] = await db.select().from(journeyVersions).where(eq(journeyVersions.journeyId, journeyId)).orderBy(journeyVersions.version).offset(1);
    const def = journeyDefinitionSchema.parse(v2!.definition);
    const node = def.nodes.find((n) => n.id === 'email-a');
    expect(node?.kind === 'send_email' && node.config.variants.map((v) => [v.id, v.weight])).toEqual([['A1', 0], ['A2', 100]]);
    const [j] = await db.select().from(journeys).where(eq(journeys.id, journeyId));
    expect(j?.publishedVersion).toBe(2);
    expect((await caller().experiments.list({ journeyId }))[0]).toMatchObject({ concludedWith: 'A2', version: 2 });
  });

  it('refuses unknown nodes and variants naming the field, and a draft with unpublished edits', async () => {
    const journeyId = await abJourney();
    await expect(caller().experiments.declareWinner({ journeyId, nodeId: 'email-b', variantId: 'A2' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^nodeId:/ });
    await expect(caller().experiments.declareWinner({ journeyId, nodeId: 'email-a', variantId: 'Z' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^variantId:/ });

    const j = await caller().journeys.get({ id: journeyId });
    const graph: DraftCanvasGraph = j.graph;
    graph.nodes.find((n) => n.id === 'email-b')!.data.label = 'Edited, not published';
    await caller().journeys.saveDraft({ id: journeyId, graph, baseRevision: j.revision });
    await expect(caller().experiments.declareWinner({ journeyId, nodeId: 'email-a', variantId: 'A1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const [row] = await db.select().from(journeys).where(eq(journeys.id, journeyId));
    expect(row?.publishedVersion).toBe(1);
  });

  it('counts a holdout as its own arm and measures each variant’s conversion lift against it', async () => {
    const journeyId = await abJourney(undefined, 20);
    await many(journeyId, 'A1', 40, 'delivered', { handoff: false });
    await many(journeyId, 'A2', 30, 'clicked', { handoff: true });
    await many(journeyId, 'A2', 10, 'delivered');
    // 20 leads held back by the step (no message); one of them reached a hand-off anyway.
    for (let i = 0; i < 20; i++) {
      const leadId = randomUUID();
      const workflowId = `lead-${leadId}-journey-${journeyId}`;
      await db.insert(journeyRuns).values({ leadId, journeyId, journeyVersion: 1, workflowId, status: 'running' });
      await db.insert(journeySteps).values({ workflowId, leadId, journeyId, journeyVersion: 1, nodeId: 'email-a', kind: 'send_email', stepKey: `${workflowId}:email-a:1`, detail: { phase: 'done', holdout: true, variant: 'holdout' }, at: new Date(Date.now() - 120_000) });
      if (i === 0) await db.insert(journeySteps).values({ workflowId, leadId, journeyId, journeyVersion: 1, nodeId: 'handoff', kind: 'handoff', stepKey: `${workflowId}:handoff:1` });
    }
    const [exp] = await caller().experiments.list({ journeyId, metric: 'converted' });
    expect(exp!.holdout).toMatchObject({ id: 'holdout', sent: 20, converted: 1, comparison: { percent: 20, status: 'not_enough_data' } });
    // The split is checked with the holdout as its own arm: 40 / 40 / 20 against 40 / 40 / 20.
    expect(exp!.verdict.srm).toMatchObject({ mismatch: false, expected: { A1: 40, A2: 40, holdout: 20 }, observed: { A1: 40, A2: 40, holdout: 20 } });
    // A sales notification in the same run is not an email of this step.
    const salesLead = randomUUID();
    const salesRun = `lead-${salesLead}-journey-${journeyId}`;
    await db.insert(journeyRuns).values({ leadId: salesLead, journeyId, journeyVersion: 1, workflowId: salesRun, status: 'running' });
    await db.insert(messages).values({ leadId: salesLead, workflowId: salesRun, kind: 'sales', template: 'sales-hot-lead', nodeId: 'email-a', variant: 'A1', toEmail: 'rep@ab.test', subject: 's', idempotencyKey: `sales:${randomUUID()}`, providerId: `p-${randomUUID()}`, status: 'clicked' });
    const [again] = await caller().experiments.list({ journeyId, metric: 'converted' });
    expect(again!.verdict.variants.map((v) => [v.id, v.sent, v.clicked])).toEqual([['A1', 40, 0], ['A2', 40, 30]]);
  });
});
