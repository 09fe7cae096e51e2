/** Acknowledgements without a session (the notification link, an API key) are audited as the hand-off's owner, with the channel as detail. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, handoffs, salesOwners, users } from '@/db/schema';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { auditAcknowledgement } from './acknowledge';

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
});
afterAll(async () => {
  await tdb?.stop();
});

async function handoffOf(ownerEmail: string, withUser: boolean) {
  const handle = `rep-${randomUUID().slice(0, 8)}`;
  const [owner] = await db.insert(salesOwners).values({ handle, name: `Rep ${handle}`, email: ownerEmail }).returning();
  const userId = randomUUID();
  if (withUser) await db.insert(users).values({ id: userId, name: owner!.name, email: ownerEmail, role: 'sales' });
  const id = randomUUID();
  const [h] = await db
    .insert(handoffs)
    .values({ id, leadId: randomUUID(), ownerId: owner!.id, reason: 'hot', requestKey: `ack-${id}`, workflowId: `handoff-${id}`, ackToken: 't' })
    .returning();
  return { handoff: h!, owner: owner!, userId };
}

const auditOf = async (handoffId: string) => db.select().from(auditLog).where(and(eq(auditLog.targetType, 'handoff'), eq(auditLog.targetId, handoffId)));

describe('acknowledgement audit', () => {
  it('names the rep the link was issued to as the actor (their user and role), the channel and address as detail', async () => {
    const email = `${randomUUID().slice(0, 8)}@sales.test`;
    const { handoff, owner, userId } = await handoffOf(email, true);
    await auditAcknowledgement(db, handoff, 'link', { ip: '203.0.113.7', userAgent: 'Mail client' });
    const [row] = await auditOf(handoff.id);
    expect(row).toMatchObject({ actorId: userId, actorEmail: email, actorRole: 'sales', ip: '203.0.113.7', userAgent: 'Mail client', action: 'desk.acknowledge' });
    expect(row!.detail).toEqual({ channel: 'link', owner: owner.name });
    expect(row!.summary).toBe(`hand-off ${handoff.id} acknowledged by ${owner.name} through the notification link`);
  });

  it('through an API key: still the owner as actor, even one with no sign-in of their own, and the API as channel', async () => {
    const email = `${randomUUID().slice(0, 8)}@sales.test`;
    const { handoff, owner } = await handoffOf(email, false);
    await auditAcknowledgement(db, handoff, 'api', { ip: null, userAgent: 'crm-sync/1.0' });
    const [row] = await auditOf(handoff.id);
    expect(row).toMatchObject({ actorId: null, actorEmail: email, actorRole: null, userAgent: 'crm-sync/1.0' });
    expect(row!.detail).toEqual({ channel: 'api', owner: owner.name });
  });
});
