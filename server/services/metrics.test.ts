/** The metrics are read from real Postgres; the database is shared, so each test asserts on what its own rows add. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handoffs, leadEvents, leads, leadTouchpoints, messages, salesOwners, signalOutbox } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createMetricsRegistry, DEFINITIONS } from './metrics';
import { HANDOFF_LATENCY_BUCKETS, readMetricsSnapshot } from './metrics-snapshot';

let tdb: TestDatabase;
let db: Db;
let ownerId: string;

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_0123456789abcdef0123' });
  const [owner] = await db.select().from(salesOwners).where(eq(salesOwners.handle, 'john.doe'));
  ownerId = owner!.id;
});
afterAll(async () => tdb.stop());

const at = (base: number, seconds: number) => new Date(base + seconds * 1000);
const bucket = (le: number) => HANDOFF_LATENCY_BUCKETS.indexOf(le as never);

async function lead(source: string) {
  const [row] = await db.insert(leads).values({ email: `m-${randomUUID().slice(0, 8)}@metrics.test`, source }).returning();
  await db.insert(leadTouchpoints).values({ leadId: row!.id, captureKey: randomUUID(), source });
  return row!;
}

it('counts captures by source, events by type, emails by outcome, hand-offs and the outbox from what Postgres holds', async () => {
  const source = `src_${randomUUID().slice(0, 6)}`;
  const type = `evt_${randomUUID().slice(0, 6)}`;
  const before = await readMetricsSnapshot(db);
  const l = await lead(source);
  await db.insert(leadEvents).values([
    { eventId: randomUUID(), leadId: l.id, type },
    { eventId: randomUUID(), leadId: l.id, type },
  ]);
  const msg = (status: string) => ({ leadId: l.id, template: 'email-a', toEmail: 'x@metrics.test', subject: 's', idempotencyKey: randomUUID(), status });
  await db.insert(messages).values([msg('sent'), msg('delivered'), msg('bounced'), msg('failed')]);
  await db.insert(signalOutbox).values([
    { workflowId: 'w', leadId: l.id, journeyId: randomUUID(), journeyVersion: 1, signal: 's', payload: {}, createdAt: new Date(Date.now() - 120_000) },
    { workflowId: 'w', leadId: l.id, journeyId: randomUUID(), journeyVersion: 1, signal: 's', payload: {}, attempts: 10, deadAt: new Date(), lastError: 'gave up' },
  ]);
  const after = await readMetricsSnapshot(db);

  expect(after.leadsBySource.find((r) => r.source === source)?.n).toBe(1);
  expect(after.eventsByType.find((r) => r.type === type)?.n).toBe(2);
  const outcome = (s: typeof after, status: string) => s.emailsByStatus.find((r) => r.kind === 'marketing' && r.status === status)?.n ?? 0;
  for (const status of ['sent', 'delivered', 'bounced', 'failed']) expect(outcome(after, status) - outcome(before, status)).toBe(1);
  expect(after.emailSuccess24h - before.emailSuccess24h).toBe(2);
  expect(after.emailFailure24h - before.emailFailure24h).toBe(2);
  expect(after.outbox.pending - before.outbox.pending).toBe(1);
  expect(after.outbox.deadLetters - before.outbox.deadLetters).toBe(1);
  expect(after.outbox.lagSeconds).toBeGreaterThanOrEqual(119);
  await db.delete(signalOutbox).where(eq(signalOutbox.leadId, l.id));
});

it('keeps account mail (invitations, password resets) apart: its own kind label, and out of the success rate', async () => {
  const before = await readMetricsSnapshot(db);
  const account = (status: string) => ({ kind: 'account' as const, template: 'invitation', toEmail: 'new@team.test', subject: 's', idempotencyKey: `account:${randomUUID()}`, status });
  await db.insert(messages).values([account('sent'), account('sent'), account('failed')]);
  const after = await readMetricsSnapshot(db);
  const n = (s: typeof after, kind: string, status: string) => s.emailsByStatus.find((r) => r.kind === kind && r.status === status)?.n ?? 0;
  expect(n(after, 'account', 'sent') - n(before, 'account', 'sent')).toBe(2);
  expect(n(after, 'account', 'failed') - n(before, 'account', 'failed')).toBe(1);
  expect(n(after, 'marketing', 'sent')).toBe(n(before, 'marketing', 'sent'));
  expect(after.emailSuccess24h).toBe(before.emailSuccess24h);
  expect(after.emailFailure24h).toBe(before.emailFailure24h);
  const text = await createMetricsRegistry(() => db).metrics();
  expect(text).toMatch(/^leadflow_emails_total\{kind="account",outcome="sent"\} \d+$/m);
  expect(text).not.toMatch(/^leadflow_emails_total\{outcome=/m);
});

it('measures hand-off latency from the event that made the lead hot, and counts SLA breaches', async () => {
  const l = await lead('api');
  const t0 = Date.now() - 3_600_000;
  await db.insert(leadEvents).values({ eventId: randomUUID(), leadId: l.id, type: 'schedule_demo', receivedAt: at(t0, 0) });
  const before = await readMetricsSnapshot(db);
  const base = { leadId: l.id, ownerId, reason: 'hot', workflowId: `handoff-${randomUUID()}`, ackToken: randomUUID() };
  await db.insert(handoffs).values([
    // journey hand-off: hot at t0, notified 3 s later, acknowledged after 100 s (within the 15-minute SLA)
    { ...base, requestKey: `wf:${randomUUID()}`, createdAt: at(t0, 2), notifiedAt: at(t0, 3), acknowledgedAt: at(t0, 100), status: 'acknowledged' },
    // API hand-off: hot when requested; never acknowledged, an hour old → an SLA breach
    { ...base, requestKey: `api:${randomUUID()}`, createdAt: at(t0, 0), notifiedAt: at(t0, 1.5) },
  ]);
  const after = await readMetricsSnapshot(db);
  const d = (f: (s: typeof after) => number) => f(after) - f(before);

  expect(d((s) => s.handoffs.created)).toBe(2);
  expect(d((s) => s.handoffs.notified)).toBe(2);
  expect(d((s) => s.handoffs.acknowledged)).toBe(1);
  expect(d((s) => s.handoffs.slaBreaches)).toBe(1);
  expect(d((s) => s.latency.notified.buckets[bucket(1)]!)).toBe(0);
  expect(d((s) => s.latency.notified.buckets[bucket(2)]!)).toBe(1); // the API one, 1.5 s
  expect(d((s) => s.latency.notified.buckets[bucket(5)]!)).toBe(2); // and the journey one, 3 s from the hot event
  expect(d((s) => s.latency.notified.count)).toBe(2);
  expect(d((s) => s.latency.notified.sum)).toBeCloseTo(4.5, 1);
  expect(d((s) => s.latency.acknowledged.buckets[bucket(60)]!)).toBe(0);
  expect(d((s) => s.latency.acknowledged.buckets[bucket(120)]!)).toBe(1);
  expect(d((s) => s.latency.acknowledged.count)).toBe(1);
});

it('renders every defined metric in the Prometheus text format, histograms with buckets, sum and count', async () => {
  await lead(`src_${randomUUID().slice(0, 6)}`);
  const text = await createMetricsRegistry(() => db, { processMetrics: true }).metrics();
  for (const d of DEFINITIONS) expect(text).toContain(`# TYPE ${d.name} ${d.type}`);
  expect(text).toMatch(/^leadflow_handoff_latency_seconds_bucket\{stage="notified",le="\+Inf"\} \d+$/m);
  expect(text).toMatch(/^leadflow_handoff_latency_seconds_count\{stage="acknowledged"\} \d+$/m);
  expect(text).toMatch(/^leadflow_leads_captured_total\{source="src_[0-9a-f]{6}"\} 1$/m);
  expect(text).toMatch(/^process_cpu_seconds_total /m);
});
