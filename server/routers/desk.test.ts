/** The sales desk on real Postgres, as real signed-in users: own hand-offs only, overdue first, outcomes move the lifecycle and the dashboard, notes, reassignment. */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, handoffs, leads, salesOwners } from '@/db/schema';
import { callerAs, signInNewUser, type TestUser, PROXY_HOPS } from '@/tests/support/caller';
import { appRouter } from '@/server/root';
import { createContextFor } from '@/server/trpc';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
let rep: TestUser;
let otherRep: TestUser;
const as = (u: TestUser) => appRouter.createCaller(() => createContextFor(db, u.headers, PROXY_HOPS));

beforeAll(async () => {
  // Acknowledging signals the SLA workflow; nothing listens here, and the database is what these tests check.
  process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
  tdb = await startTestDatabase();
  db = tdb.db;
  rep = await signInNewUser(db, 'sales');
  otherRep = await signInNewUser(db, 'sales');
});
afterAll(async () => tdb.stop());

async function handoffTo(ownerId: string, minutesAgo: number, extra: Partial<typeof leads.$inferInsert> = {}) {
  const [lead] = await db
    .insert(leads)
    .values({ email: `desk-${randomUUID().slice(0, 8)}@desk.test`, firstName: 'Lan', score: 70, stage: 'hot', isHot: true, lifecycle: 'sql', ownerId, ...extra })
    .returning();
  const id = randomUUID();
  const [h] = await db
    .insert(handoffs)
    .values({ id, leadId: lead!.id, ownerId, reason: 'Score reached 60', requestKey: `test:${id}`, workflowId: `handoff-${id}`, createdAt: new Date(Date.now() - minutesAgo * 60_000), ackToken: randomBytes(12).toString('hex') })
    .returning();
  return { lead: lead!, handoff: h! };
}

describe('My desk', () => {
  it('shows a rep their own open hand-offs, overdue first, and nobody else’s', async () => {
    const fresh = await handoffTo(rep.user.salesOwnerId!, 1);
    const overdue = await handoffTo(rep.user.salesOwnerId!, 40);
    const theirs = await handoffTo(otherRep.user.salesOwnerId!, 50);
    const desk = await as(rep).desk.mine();
    const ids = desk.handoffs.map((h) => h.id);
    expect(ids.indexOf(overdue.handoff.id)).toBeLessThan(ids.indexOf(fresh.handoff.id));
    expect(ids).not.toContain(theirs.handoff.id);
    expect(desk.handoffs.find((h) => h.id === overdue.handoff.id)).toMatchObject({ overdue: true });
    expect(desk.handoffs.find((h) => h.id === fresh.handoff.id)).toMatchObject({ overdue: false });
    await expect(as(rep).desk.mine({ ownerId: otherRep.user.salesOwnerId! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Ops and admins see any desk.
    const opsView = await callerAs(db, 'ops').desk.mine({ ownerId: otherRep.user.salesOwnerId! });
    expect(opsView.handoffs.map((h) => h.id)).toContain(theirs.handoff.id);
  });

  it('names leads as written, the way mail and notifications do: Nguyễn Thị Lan (family name first), Mai Tran, or the email', async () => {
    const vietnamese = { firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first' as const };
    const { lead } = await handoffTo(rep.user.salesOwnerId!, 2, { ...vietnamese, nextFollowUpAt: new Date(Date.now() + 86_400_000) });
    const { lead: western } = await handoffTo(rep.user.salesOwnerId!, 2, { firstName: 'Mai', lastName: 'Tran' });
    const [hotOnly] = await db.insert(leads).values({ email: `hot-${randomUUID().slice(0, 8)}@desk.test`, ...vietnamese, score: 80, stage: 'hot', isHot: true, ownerId: rep.user.salesOwnerId! }).returning();
    const { lead: nameless } = await handoffTo(rep.user.salesOwnerId!, 2, { firstName: null });
    const desk = await as(rep).desk.mine();
    expect(desk.handoffs.find((h) => h.leadId === lead.id)?.name).toBe('Nguyễn Thị Lan');
    expect(desk.handoffs.find((h) => h.leadId === western.id)?.name).toBe('Mai Tran');
    expect(desk.handoffs.find((h) => h.leadId === nameless.id)?.name).toBe(nameless.email);
    expect(desk.followUps.find((f) => f.id === lead.id)?.name).toBe('Nguyễn Thị Lan');
    expect(desk.hot.find((l) => l.id === hotOnly!.id)?.name).toBe('Nguyễn Thị Lan');
  });

  it('lists the rep’s hot leads that have no open hand-off, hottest first, and nobody else’s', async () => {
    const hot = async (ownerId: string, score: number) =>
      (await db.insert(leads).values({ email: `hot-${randomUUID().slice(0, 8)}@desk.test`, score, stage: 'hot', isHot: true, lifecycle: 'sql', ownerId }).returning())[0]!;
    const warmer = await hot(rep.user.salesOwnerId!, 75);
    const hotter = await hot(rep.user.salesOwnerId!, 90);
    const theirs = await hot(otherRep.user.salesOwnerId!, 95);
    const { lead: handedOff } = await handoffTo(rep.user.salesOwnerId!, 1);
    const ids = (await as(rep).desk.mine()).hot.map((l) => l.id);
    expect(ids.indexOf(hotter.id)).toBeLessThan(ids.indexOf(warmer.id));
    expect(ids).toContain(warmer.id);
    // Already on the desk as a hand-off, or another rep's: not listed again.
    expect(ids).not.toContain(handedOff.id);
    expect(ids).not.toContain(theirs.id);
  });

  it('acknowledges only the rep’s own hand-off, from the desk or the lead page', async () => {
    const mine = await handoffTo(rep.user.salesOwnerId!, 5);
    const theirs = await handoffTo(otherRep.user.salesOwnerId!, 5);
    await expect(as(rep).desk.acknowledge({ handoffId: theirs.handoff.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(rep).leads.acknowledgeHandoff({ handoffId: theirs.handoff.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ack = await as(rep).desk.acknowledge({ handoffId: mine.handoff.id });
    expect(ack.acknowledgedAt).toBeInstanceOf(Date);
    const [row] = await db.select().from(handoffs).where(eq(handoffs.id, theirs.handoff.id));
    expect(row!.acknowledgedAt).toBeNull();
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.targetId, mine.handoff.id));
    expect(audit).toMatchObject({ action: 'desk.acknowledge', actorId: rep.user.id, actorEmail: rep.email, ip: '203.0.113.7' });
  });

  it('qualified → opportunity moves the lifecycle, closes the hand-off, stops the clock and moves the dashboard', async () => {
    const { lead, handoff } = await handoffTo(rep.user.salesOwnerId!, 3);
    const before = await callerAs(db).dashboard.summary();
    const perfBefore = await callerAs(db).desk.performance();
    const result = await as(rep).desk.recordOutcome({ handoffId: handoff.id, outcome: 'qualified', note: 'Budget approved, demo booked' });
    expect(result).toMatchObject({ lifecycle: 'opportunity', closed: true });
    const [l] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(l!.lifecycle).toBe('opportunity');
    const [h] = await db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
    expect(h).toMatchObject({ outcome: 'qualified' });
    expect(h!.closedAt).toBeInstanceOf(Date);
    expect(h!.acknowledgedAt).toBeInstanceOf(Date);
    expect((await as(rep).desk.mine()).handoffs.map((x) => x.id)).not.toContain(handoff.id);
    const after = await callerAs(db).dashboard.summary();
    expect(after.conversion.opportunities).toBe(before.conversion.opportunities + 1);
    const perf = await callerAs(db).desk.performance();
    expect(perf.opportunities).toBe(perfBefore.opportunities + 1);
    const repRow = perf.reps.find((r) => r.ownerId === rep.user.salesOwnerId);
    expect(repRow!.opportunities).toBeGreaterThanOrEqual(1);
    expect(repRow!.slaCompliance).not.toBeNull();
    // The outcome is on the audit trail with the rep who recorded it.
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, handoff.id));
    expect(audit.find((r) => r.action === 'desk.recordOutcome')).toMatchObject({ actorId: rep.user.id, actorEmail: rep.email, actorRole: 'sales' });
  });

  it('won makes a customer; disqualified needs a reason; a late "reached" never undoes an opportunity', async () => {
    const a = await handoffTo(rep.user.salesOwnerId!, 2);
    await as(rep).desk.recordOutcome({ handoffId: a.handoff.id, outcome: 'won' });
    expect((await db.select().from(leads).where(eq(leads.id, a.lead.id)))[0]!.lifecycle).toBe('customer');
    const b = await handoffTo(rep.user.salesOwnerId!, 2);
    await expect(as(rep).desk.recordOutcome({ handoffId: b.handoff.id, outcome: 'disqualified' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /^reason:/ });
    await as(rep).desk.recordOutcome({ handoffId: b.handoff.id, outcome: 'disqualified', reason: 'Student, no budget' });
    expect((await db.select().from(leads).where(eq(leads.id, b.lead.id)))[0]!.lifecycle).toBe('lead');
    const c = await handoffTo(rep.user.salesOwnerId!, 2, { lifecycle: 'opportunity' });
    await as(rep).desk.recordOutcome({ handoffId: c.handoff.id, outcome: 'reached' });
    expect((await db.select().from(leads).where(eq(leads.id, c.lead.id)))[0]!.lifecycle).toBe('opportunity');
    expect((await as(rep).desk.mine()).handoffs.map((x) => x.id)).toContain(c.handoff.id);
  });

  it('a note with a next follow-up date lands on the lead and the desk; another rep’s lead is refused', async () => {
    const { lead } = await handoffTo(rep.user.salesOwnerId!, 1);
    const at = new Date(Date.now() + 2 * 86_400_000);
    await as(rep).desk.addNote({ leadId: lead.id, body: 'Call back Thursday', nextFollowUpAt: at });
    const [l] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(l!.nextFollowUpAt?.getTime()).toBe(at.getTime());
    expect((await as(rep).desk.mine()).followUps.map((f) => f.id)).toContain(lead.id);
    await expect(as(otherRep).desk.addNote({ leadId: lead.id, body: 'mine now' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows follow-ups whose date has come as due, first, beside the coming ones', async () => {
    const { lead: coming } = await handoffTo(rep.user.salesOwnerId!, 1, { nextFollowUpAt: new Date(Date.now() + 86_400_000) });
    const { lead: due } = await handoffTo(rep.user.salesOwnerId!, 1, { nextFollowUpAt: new Date(Date.now() - 3_600_000), followUpRemindedAt: new Date() });
    const followUps = (await as(rep).desk.mine()).followUps;
    const ids = followUps.map((f) => f.id);
    expect(ids.indexOf(due.id)).toBeLessThan(ids.indexOf(coming.id));
    expect(followUps.find((f) => f.id === due.id)).toMatchObject({ due: true, remindedAt: expect.any(Date) });
    expect(followUps.find((f) => f.id === coming.id)).toMatchObject({ due: false, remindedAt: null });
  });

  it('a rep reassigns their hand-off to a teammate; the lead moves with it and the audit log says who', async () => {
    const { lead, handoff } = await handoffTo(rep.user.salesOwnerId!, 1);
    await as(rep).desk.reassign({ handoffId: handoff.id, ownerId: otherRep.user.salesOwnerId!, reason: 'Speaks Vietnamese' });
    expect((await db.select().from(leads).where(eq(leads.id, lead.id)))[0]!.ownerId).toBe(otherRep.user.salesOwnerId);
    expect((await as(otherRep).desk.mine()).handoffs.map((h) => h.id)).toContain(handoff.id);
    await expect(as(rep).desk.reassign({ handoffId: handoff.id, ownerId: rep.user.salesOwnerId! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const rows = await db.select().from(auditLog).where(eq(auditLog.targetId, handoff.id));
    expect(rows.find((r) => r.action === 'desk.reassign')).toMatchObject({ actorId: rep.user.id });
  });

  it('the leads list filters by owner', async () => {
    const { lead } = await handoffTo(otherRep.user.salesOwnerId!, 1);
    const [theirs] = await db.select().from(salesOwners).where(eq(salesOwners.id, otherRep.user.salesOwnerId!));
    const [mine] = await db.select().from(salesOwners).where(eq(salesOwners.id, rep.user.salesOwnerId!));
    expect((await callerAs(db, 'marketer').leads.list({ owner: theirs!.handle })).items.map((l) => l.id)).toContain(lead.id);
    expect((await callerAs(db, 'marketer').leads.list({ owner: mine!.handle })).items.map((l) => l.id)).not.toContain(lead.id);
  });
});
