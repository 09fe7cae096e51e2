/** Batched capture (CSV import) against captureLead row by row (the API): the same inputs leave the same rows behind. */
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { journeyRuns, leadEvents, leads, leadTouchpoints, scoreChanges, signalOutbox } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { captureLeadSchema } from '@/lib/api/schemas';
import { captureLeads } from './capture-batch';
import { captureLead, type CaptureLeadInput } from './capture-lead';

let db: Db;
let stop: () => Promise<void>;

beforeAll(async () => {
  const { startTestDatabase } = await import('@/tests/support/postgres');
  // Captures enter the seeded journey: a database of its own keeps other files' runs out.
  const tdb = await startTestDatabase({ isolated: true });
  db = tdb.db;
  stop = () => tdb.stop();
  await seedDatabase(db, { devApiKey: null });
});
afterAll(async () => stop());

/** A scenario of new, known and repeated emails; `p` keeps the two runs' leads apart. */
function scenario(p: string): { before: CaptureLeadInput[]; batch: CaptureLeadInput[] } {
  const e = (name: string) => `${p}-${name}@batch.test`;
  const input = (v: Record<string, unknown>) => captureLeadSchema.parse({ source: 'csv_import', ...v });
  return {
    before: [
      input({ email: e('known'), first_name: 'Mai', properties: { tier: 'gold', shared: 'old' } }),
      input({ email: e('nameless'), company: 'Acme' }),
      input({ email: e('known-vn'), name: 'Lê Thị Hoa', source: 'api' }),
    ],
    batch: [
      input({ email: e('new-vn'), name: 'Nguyễn Thị Lan', job_title: 'Giám đốc Marketing', company: 'Sao Việt', utm_campaign: 'tet2025', first_visit: '2024-08-01T10:23:00Z' }),
      input({ email: e('known'), last_name: 'Tran', phone: '+84 90 123 4567', company: 'Sao Việt', company_size: 250, properties: { shared: 'new', extra: 1 } }),
      input({ email: e('repeat'), first_name: 'Hung', company: 'First Co', utm_source: 'sheet' }),
      input({ email: e('nameless'), name: 'Trần Văn Hùng', job_title: 'Trưởng phòng kinh doanh' }),
      input({ email: e('repeat'), company: 'Second Co', phone: '0901', last_name: 'Do' }),
      input({ email: e('plain') }),
      input({ email: e('repeat'), source: 'webinar', job_title: 'CEO', properties: { late: true } }),
      input({ email: e('known-vn'), first_name: 'Other', source: 'api' }),
      input({ email: e('vp'), name: 'Phó giám đốc Phạm Minh', job_title: 'Phó giám đốc', company_size: 20 }),
    ],
  };
}

/** Everything a capture writes, per lead, with ids and the run's prefix taken out. */
async function snapshot(p: string) {
  const rows = await db.select().from(leads).where(inArray(leads.email, (await db.select({ email: leads.email }).from(leads)).map((r) => r.email).filter((m) => m.startsWith(`${p}-`))));
  const out: Record<string, unknown> = {};
  for (const l of rows) {
    const key = l.email.slice(p.length + 1).replace('@batch.test', '');
    const touch = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, l.id)).orderBy(asc(leadTouchpoints.source));
    const events = await db.select().from(leadEvents).where(eq(leadEvents.leadId, l.id));
    const changes = await db.select().from(scoreChanges).where(eq(scoreChanges.leadId, l.id)).orderBy(asc(scoreChanges.id));
    const runs = await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, l.id));
    const outbox = await db.select().from(signalOutbox).where(eq(signalOutbox.leadId, l.id));
    out[key] = {
      lead: { ...l, id: undefined, email: undefined, createdAt: undefined, updatedAt: undefined },
      touch: touch.map((t) => ({ source: t.source, utm: [t.utmSource, t.utmMedium, t.utmCampaign, t.utmTerm, t.utmContent], firstVisit: t.firstVisit?.toISOString() ?? null })),
      events: events.map((ev) => ({ eventId: ev.eventId === `capture:${l.id}` ? 'capture' : ev.eventId, type: ev.type, properties: ev.properties, points: ev.points, scoreAfter: ev.scoreAfter })),
      changes: changes.map((c) => ({ eventId: c.eventId === `capture:${l.id}` ? 'capture' : c.eventId, rule: c.ruleName, points: c.points, scoreAfter: c.scoreAfter })),
      runs: runs.map((r) => ({ journeyId: r.journeyId, version: r.journeyVersion, workflowId: r.workflowId.replace(l.id, 'L'), status: r.status })),
      outbox: outbox.map((o) => ({ ...(o.payload), eventId: 'capture', seq: undefined, occurredAt: undefined, workflowId: o.workflowId.replace(l.id, 'L') })),
    };
  }
  return out;
}

describe('captureLeads (batched) merges exactly as captureLead does row by row', () => {
  it('leaves the same leads, touchpoints, events, score trail, journey runs and outbox rows, and reports the same outcomes', async () => {
    const a = `a${randomUUID().slice(0, 6)}`;
    const b = `b${randomUUID().slice(0, 6)}`;
    const sa = scenario(a);
    const sb = scenario(b);
    for (const input of sa.before) await captureLead(db, input);
    for (const input of sb.before) await captureLead(db, input);

    const one: { created: boolean; touchpointCreated: boolean; outbox: number }[] = [];
    for (const input of sa.batch) {
      const r = await captureLead(db, input);
      one.push({ created: r.created, touchpointCreated: r.touchpointCreated, outbox: r.outboxIds.length });
    }
    const batched = (await captureLeads(db, sb.batch)).map((r) => ({ created: r.created, touchpointCreated: r.touchpointCreated, outbox: r.outboxIds.length }));

    expect(batched).toEqual(one);
    expect(one.filter((r) => r.created)).toHaveLength(4);
    const [before, after] = [await snapshot(a), await snapshot(b)];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after).toEqual(before);
    // The scenario exercises what matters: a Vietnamese title scored, a known lead filled but not overwritten.
    expect((before['new-vn'] as { lead: { score: number; firstName: string } }).lead).toMatchObject({ firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first' });
    expect((before['new-vn'] as { lead: { score: number } }).lead.score).toBeGreaterThan(0);
    expect((before.known as { lead: unknown }).lead).toMatchObject({ firstName: 'Mai', lastName: 'Tran', properties: { tier: 'gold', shared: 'old', extra: 1 } });
    expect((before.repeat as { lead: unknown; touch: unknown[] }).lead).toMatchObject({ company: 'First Co', phone: '0901', lastName: 'Do', jobTitle: 'CEO' });
    expect((before.repeat as { touch: unknown[] }).touch).toHaveLength(2);
  });

  it('keeps leads out of journeys when asked, as captureLead does', async () => {
    const p = `c${randomUUID().slice(0, 6)}`;
    const results = await captureLeads(db, [captureLeadSchema.parse({ email: `${p}-x@batch.test`, source: 'csv_import' })], { enterJourneys: false });
    expect(results[0]).toMatchObject({ created: true, outboxIds: [] });
    expect(await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, results[0]!.leadId))).toHaveLength(0);
  });
});
