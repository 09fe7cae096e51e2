// The outbox's dead letters as ops see them: listed with their last error, and "retry now" puts a row back in the
// relay's queue with a fresh attempt budget, audited; other roles may not. Real Postgres, the router as signed-in users.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, leads, signalOutbox } from '@/db/schema';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => {
  await tdb?.stop();
});

async function deadLetter() {
  const [lead] = await tdb.db.insert(leads).values({ email: `dead-${randomUUID().slice(0, 8)}@acme.test` }).returning();
  const [row] = await tdb.db
    .insert(signalOutbox)
    .values({ workflowId: `lead-${lead!.id}-journey-x`, leadId: lead!.id, signal: 'leadEvent', payload: {}, attempts: 10, lastError: 'INVALID_ARGUMENT: payload too large', deadAt: new Date() })
    .returning();
  return row!;
}

it('ops see each dead letter with its last error and requeue it; the audit log says who', async () => {
  const row = await deadLetter();
  const ops = callerAs(tdb.db, 'ops');
  expect((await ops.runs.deadLetters()).find((d) => d.id === row.id)).toMatchObject({ workflowId: row.workflowId, attempts: 10, lastError: 'INVALID_ARGUMENT: payload too large' });

  expect(await ops.runs.retryDeadLetter({ id: row.id })).toEqual({ id: row.id, workflowId: row.workflowId });
  const [after] = await tdb.db.select().from(signalOutbox).where(eq(signalOutbox.id, row.id));
  expect(after).toMatchObject({ deadAt: null, attempts: 0, nextAttemptAt: null, claimedUntil: null, deliveredAt: null, lastError: 'INVALID_ARGUMENT: payload too large' });
  expect((await ops.runs.deadLetters()).some((d) => d.id === row.id)).toBe(false);
  const audit = await tdb.db.select().from(auditLog).where(and(eq(auditLog.action, 'runs.retryDeadLetter'), eq(auditLog.actorRole, 'ops')));
  expect(audit.some((a) => (a.detail as { input?: { id?: number } }).input?.id === row.id)).toBe(true);

  // Requeued once is not dead any more: a second "retry now" names the row as not found.
  await expect(ops.runs.retryDeadLetter({ id: row.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('marketers and sales may neither list nor requeue dead letters', async () => {
  const row = await deadLetter();
  for (const role of ['marketer', 'sales'] as const) {
    await expect(callerAs(tdb.db, role).runs.deadLetters()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerAs(tdb.db, role).runs.retryDeadLetter({ id: row.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }
});
