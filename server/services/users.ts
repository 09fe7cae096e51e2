/** Teammates: the first admin, creating users with a role, and the one-time setup link printed on a first start. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users, verifications, type Role } from '@/db/schema';
import { authFor } from '@/server/auth';

const SETUP_IDENTIFIER = 'leadflow:first-admin-setup';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** Without one the user signs in by magic link (or sets one through a reset). */
  password?: string;
  salesOwnerId?: string | null;
}

export class UserError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export async function createTeamUser(db: Db, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw new UserError('email', `${email} already has an account`);
  const { user } = await authFor(db).api.createUser({ body: { email, name: input.name, role: input.role, ...(input.password ? { password: input.password } : {}) } });
  // Trusted addresses: an admin typed them, or the invitee proved it by opening the mailed link.
  const [row] = await db
    .update(users)
    .set({ emailVerified: true, salesOwnerId: input.salesOwnerId ?? null, updatedAt: new Date() })
    .where(eq(users.id, user.id))
    .returning();
  return row!;
}

export async function hasAdmin(db: Db): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1)).length > 0;
}

export type FirstAdmin = { kind: 'exists' } | { kind: 'created'; email: string } | { kind: 'setup'; url: string };

/** From LEADFLOW_ADMIN_EMAIL / LEADFLOW_ADMIN_PASSWORD when given; otherwise a one-time link to /setup valid for 24 hours. */
export async function ensureFirstAdmin(db: Db, opts: { email?: string; password?: string; appUrl: string }): Promise<FirstAdmin> {
  if (opts.email && opts.password) {
    const [existing] = await db.select().from(users).where(eq(users.email, opts.email.toLowerCase()));
    if (existing) return { kind: 'exists' };
    await createTeamUser(db, { email: opts.email, password: opts.password, name: 'Admin', role: 'admin' });
    return { kind: 'created', email: opts.email.toLowerCase() };
  }
  if (await hasAdmin(db)) return { kind: 'exists' };
  const token = randomBytes(24).toString('base64url');
  await db.delete(verifications).where(eq(verifications.identifier, SETUP_IDENTIFIER));
  await db.insert(verifications).values({ id: randomUUID(), identifier: SETUP_IDENTIFIER, value: sha256(token), expiresAt: new Date(Date.now() + 86_400_000) });
  return { kind: 'setup', url: `${opts.appUrl.replace(/\/+$/, '')}/setup?token=${token}` };
}

/** Redeems the setup link once: creates the first admin, then the link is gone. */
export async function completeSetup(db: Db, input: { token: string; email: string; name: string; password: string }) {
  const [row] = await db
    .select()
    .from(verifications)
    .where(and(eq(verifications.identifier, SETUP_IDENTIFIER), eq(verifications.value, sha256(input.token)), gt(verifications.expiresAt, new Date())));
  if (!row) throw new UserError('token', 'this setup link is invalid, used or expired: restart Leadflow for a new one');
  if (await hasAdmin(db)) throw new UserError('token', 'an admin already exists: sign in instead');
  const user = await createTeamUser(db, { email: input.email, name: input.name, password: input.password, role: 'admin' });
  await db.delete(verifications).where(eq(verifications.identifier, SETUP_IDENTIFIER));
  return user;
}

export function listTeam(db: Db) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, banned: users.banned, salesOwnerId: users.salesOwnerId, createdAt: users.createdAt })
    .from(users)
    .orderBy(users.email);
}

async function adminCount(db: Db): Promise<number> {
  return (await db.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.banned, false)))).length;
}

/** Never leaves the team without an active admin. */
export async function setRole(db: Db, actorId: string, userId: string, role: Role) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new UserError('userId', 'no such user');
  if (user.role === 'admin' && role !== 'admin' && (await adminCount(db)) <= 1) throw new UserError('role', 'this is the last admin: make someone else admin first');
  if (userId === actorId && role !== 'admin') throw new UserError('role', 'you cannot take your own admin role away; ask another admin');
  const [row] = await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
  return row!;
}

export async function setSalesOwner(db: Db, userId: string, salesOwnerId: string | null) {
  const [row] = await db.update(users).set({ salesOwnerId, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
  if (!row) throw new UserError('userId', 'no such user');
  return row;
}

/** Deactivating bans the account in better-auth's terms and ends its sessions at once. */
export async function setActive(db: Db, actorId: string, userId: string, active: boolean) {
  if (userId === actorId && !active) throw new UserError('userId', 'you cannot deactivate yourself');
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new UserError('userId', 'no such user');
  if (!active && user.role === 'admin' && (await adminCount(db)) <= 1) throw new UserError('userId', 'this is the last admin');
  const [row] = await db.update(users).set({ banned: !active, banReason: active ? null : 'deactivated by an admin', updatedAt: new Date() }).where(eq(users.id, userId)).returning();
  if (!active) await db.delete(sessions).where(eq(sessions.userId, userId));
  return row!;
}

/** Test sends go only to the team: an active account's address. */
export async function assertTeamAddress(db: Db, email: string): Promise<void> {
  const [row] = await db.select({ banned: users.banned }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!row || row.banned) throw new UserError('to', `${email} is not a team member's address: test sends go only to people with an account`);
}
