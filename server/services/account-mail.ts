/**
 * Account mail (sign-in links, password resets, invitations) in the Outbox as kind 'account': the recipient and the mail
 * sink get the real mail, the stored copy the Outbox shows has its link removed. Marketing statistics and the per-lead
 * sending limit count kind 'marketing' only.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, type MessageStatusEntry } from '@/db/schema';
import { env } from '@/lib/env';
import type { ResendClient } from '@/lib/email/resend-client';
import { REMOVED_LINK, renderTeamMail, sendTeamMail, teamMailTags, type TeamMail } from '@/lib/email/team-mail';

const history = (status: string, detail?: string) => sql`${messages.statusHistory} || ${JSON.stringify([{ status, at: new Date().toISOString(), ...(detail ? { detail } : {}) } satisfies MessageStatusEntry])}::jsonb`;

export async function sendAccountMail(db: Db, mail: TeamMail, resend?: ResendClient): Promise<string> {
  const stored = await renderTeamMail({ ...mail, cta: { ...mail.cta, url: REMOVED_LINK } });
  const [row] = await db
    .insert(messages)
    .values({
      kind: 'account',
      template: mail.purpose,
      toEmail: mail.to,
      subject: mail.subject,
      idempotencyKey: `account:${randomUUID()}`,
      status: 'queued',
      statusHistory: [{ status: 'queued', at: new Date().toISOString() }],
      rendered: { from: env().EMAIL_FROM, to: mail.to, subject: mail.subject, ...stored, tags: teamMailTags(mail) },
    })
    .returning({ id: messages.id });
  try {
    const providerId = await sendTeamMail(mail, resend);
    await db.update(messages).set({ providerId, status: 'sent', sentAt: new Date(), statusHistory: history('sent') }).where(eq(messages.id, row!.id));
    return providerId;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.update(messages).set({ status: 'failed', error: message, statusHistory: history('failed', message) }).where(eq(messages.id, row!.id));
    throw err;
  }
}
