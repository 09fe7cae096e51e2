/** Invitations by email with a role: a mailed link that works once and expires; accepting it creates the account. */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invitations, users, type Role } from '@/db/schema';
import { env } from '@/lib/env';
import { sendAccountMail } from './account-mail';
import { createTeamUser, UserError } from './users';

export const INVITATION_DAYS = 7;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function inviteTeammate(db: Db, input: { email: string; role: Role; invitedBy: { id: string; name: string } }) {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new UserError('email', `${email} already has an account`);
  // A new invitation replaces any still-open one for the address.
  await db.update(invitations).set({ revokedAt: new Date() }).where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  const token = randomBytes(24).toString('base64url');
  const [row] = await db
    .insert(invitations)
    .values({ email, role: input.role, tokenHash: sha256(token), invitedBy: input.invitedBy.id, expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) })
    .returning();
  const url = `${env().APP_URL.replace(/\/+$/, '')}/invite/${token}`;
  await sendAccountMail(db, {
    purpose: 'invitation',
    to: email,
    subject: `${input.invitedBy.name} invited you to ${env().PRODUCT_NAME}`,
    heading: `Join ${env().PRODUCT_NAME}`,
    paragraphs: [`${input.invitedBy.name} invited you to ${env().PRODUCT_NAME} as ${input.role}. Choose your name and password to finish. The link works once and expires in ${INVITATION_DAYS} days.`],
    cta: { label: 'Accept the invitation', url },
    footerNote: 'If you did not expect this, ignore this email; nothing happens until the link is used.',
  });
  return { id: row!.id, email, role: row!.role, expiresAt: row!.expiresAt };
}

export function listInvitations(db: Db) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt, createdAt: invitations.createdAt })
    .from(invitations)
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export async function revokeInvitation(db: Db, id: string) {
  const [row] = await db.update(invitations).set({ revokedAt: new Date() }).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).returning();
  return row ?? null;
}

async function openInvitation(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, sha256(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())));
  return row ?? null;
}

/** What the invite page shows before the invitee sets a password. */
export async function describeInvitation(db: Db, token: string) {
  const row = await openInvitation(db, token);
  return row ? { email: row.email, role: row.role, expiresAt: row.expiresAt } : null;
}

export async function acceptInvitation(db: Db, input: { token: string; name: string; password: string }) {
  const row = await openInvitation(db, input.token);
  if (!row) throw new UserError('token', 'this invitation is invalid, used, revoked or expired: ask an admin for a new one');
  // Claim first, so two clicks cannot make two accounts.
  const [claimed] = await db.update(invitations).set({ acceptedAt: new Date() }).where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt))).returning();
  if (!claimed) throw new UserError('token', 'this invitation was just used');
  return createTeamUser(db, { email: row.email, name: input.name, password: input.password, role: row.role as Role });
}
