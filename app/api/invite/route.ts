/** POST /api/invite: accepts an invitation with its one-time token, creating the account with the invited role. */
import { z } from 'zod';
import { getDb } from '@/db/client';
import { handler, HttpError, json, parseBody, readJson } from '@/lib/api/http';
import { recordAudit, systemActor } from '@/lib/audit';
import { acceptInvitation } from '@/server/services/invitations';
import { UserError } from '@/server/services/users';
import { clientIp } from '@/server/trpc';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const acceptSchema = z.object({ token: z.string().min(10).max(200), name: z.string().trim().min(1).max(120), password: z.string().min(8).max(128) });

export const POST = handler(async (req) => {
  const input = parseBody(acceptSchema, await readJson(req));
  const db = getDb();
  try {
    const user = await acceptInvitation(db, input);
    await recordAudit(db, { ...systemActor(user.email, clientIp(req.headers)), id: user.id, role: user.role }, { action: 'users.acceptInvitation', summary: `${user.email} accepted an invitation as ${user.role}`, targetType: 'user', targetId: user.id });
    return json({ id: user.id, email: user.email, role: user.role }, 201);
  } catch (err) {
    if (err instanceof UserError) throw new HttpError(err.field === 'token' ? 410 : 400, `${err.field}: ${err.message}`, err.field);
    throw err;
  }
});
