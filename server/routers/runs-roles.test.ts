/** Who may retry or cancel a lead's run: ops and admins; a marketer or a sales rep is refused before anything changes. */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, journeyRuns, journeys, leads } from '@/db/schema';
import { journeyWorkflowId } from '@/lib/journey/contract';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
});
afterAll(async () => tdb.stop());

/** A run the worker marked failed (what issue 10's NoOwner path writes). */
async function failedRun(status: 'failed' | 'cancelled' = 'failed') {
  const [lead] = await db.insert(leads).values({ email: `runs-${randomUUID().slice(0, 8)}@acme.test` }).returning();
  const [journey] = await db.insert(journeys).values({ name: `Runs roles ${randomUUID().slice(0, 6)}`, draftGraph: {}, status: 'published', publishedVersion: 1 }).returning();
  const [run] = await db
    .insert(journeyRuns)
    .values({ leadId: lead!.id, journeyId: journey!.id, journeyVersion: 1, workflowId: journeyWorkflowId(lead!.id, journey!.id), status, currentNode: 'handoff', failureReason: 'NoOwner: no active sales owner' })
    .returning();
  return run!;
}
const statusOf = async (id: string) => (await db.select({ status: journeyRuns.status }).from(journeyRuns).where(eq(journeyRuns.id, id)))[0]!.status;
const auditFor = (id: string) => db.select().from(auditLog).where(and(inArray(auditLog.action, ['runs.retry', 'runs.cancel']), eq(auditLog.targetId, id)));

describe('runs.retry / runs.cancel by role', () => {
  it.each(['marketer', 'sales'] as const)('%s may neither retry nor cancel a failed run, and the run stays failed with nothing audited', async (role) => {
    const run = await failedRun();
    await expect(callerAs(db, role).runs.retry({ id: run.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerAs(db, role).runs.cancel({ id: run.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerAs(db, role).runs.failed()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await statusOf(run.id)).toBe('failed');
    expect(await auditFor(run.id)).toEqual([]);
  });

  it.each(['ops', 'admin'] as const)('%s may cancel a failed run (audited) and is let through to retry', async (role) => {
    const run = await failedRun();
    expect((await callerAs(db, role).runs.failed()).map((r) => r.id)).toContain(run.id);
    await callerAs(db, role).runs.cancel({ id: run.id });
    expect(await statusOf(run.id)).toBe('cancelled');
    expect(await auditFor(run.id)).toMatchObject([{ action: 'runs.cancel', actorRole: role }]);
    // Past the role check, the service answers for the run itself (retrying with Temporal is in runs.test.ts).
    await expect(callerAs(db, role).runs.retry({ id: run.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /only a failed run can be retried/ });
  });
});
