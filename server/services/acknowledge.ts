/** Acknowledgement: the database stops the clock first, then the SLA workflow is told (it re-checks the database anyway). */
import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit } from '@/lib/audit';
import { displayName } from '@/lib/people/names';
import type { Db } from '@/db/client';
import { handoffs, leads, salesOwners, users } from '@/db/schema';
import { getTemporalClient } from '@/server/temporal';
import { ACKNOWLEDGE_SIGNAL, type AcknowledgeSignal } from '@/lib/journey/contract';
import { acknowledgeHandoff } from '@/lib/handoffs';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';

export async function acknowledgeAndSignal(db: Db, input: { handoffId: string; token?: string; by?: string }) {
  if (!isUuid(input.handoffId)) return null;
  const result = await acknowledgeHandoff(db, input);
  if (!result) return null;
  if (result.newlyAcknowledged) {
    try {
      const client = await getTemporalClient();
      const signal: AcknowledgeSignal = { at: result.handoff.acknowledgedAt!.toISOString(), by: input.by };
      await client.workflow.getHandle(result.handoff.workflowId).signal(ACKNOWLEDGE_SIGNAL, signal);
    } catch (err) {
      // The SLA workflow checks the database before every reminder, so a lost signal sends no false reminder.
      log('handoff').warn({ err, handoffId: result.handoff.id }, 'ack signal not delivered');
    }
  }
  return result;
}

/** Read-only: the hand-off a notification link points at, when its token matches; the link's page shows it before anyone acts. */
export async function handoffForLink(db: Db, handoffId: string, token: string) {
  if (!isUuid(handoffId)) return null;
  const [row] = await db
    .select({ handoff: handoffs, firstName: leads.firstName, lastName: leads.lastName, nameOrder: leads.nameOrder, email: leads.email })
    .from(handoffs)
    .innerJoin(leads, eq(leads.id, handoffs.leadId))
    .where(eq(handoffs.id, handoffId));
  if (!row) return null;
  const a = Buffer.from(row.handoff.ackToken);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return { handoff: row.handoff, leadName: displayName(row) || row.email };
}

const CHANNEL_WORDS = { link: 'the notification link', api: 'the API' } as const;

/**
 * Audits an acknowledgement that came without a session: the owner the hand-off (and its link) was issued to is the
 * actor, as a person reads the log; the channel it came through, and its address, are the detail.
 */
export async function auditAcknowledgement(db: Db, handoff: { id: string; ownerId: string }, channel: keyof typeof CHANNEL_WORDS, from: { ip: string | null; userAgent: string | null }) {
  const [owner] = await db
    .select({ email: salesOwners.email, name: salesOwners.name, userId: users.id, role: users.role })
    .from(salesOwners)
    .leftJoin(users, eq(users.email, salesOwners.email))
    .where(eq(salesOwners.id, handoff.ownerId));
  const actor = { id: owner?.userId ?? null, email: owner?.email ?? null, role: owner?.role ?? null, ip: from.ip, userAgent: from.userAgent };
  await recordAudit(db, actor, {
    action: 'desk.acknowledge',
    summary: `hand-off ${handoff.id} acknowledged by ${owner?.name ?? 'its owner'} through ${CHANNEL_WORDS[channel]}`,
    targetType: 'handoff',
    targetId: handoff.id,
    detail: { channel, owner: owner?.name ?? null },
  });
}
