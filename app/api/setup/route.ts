/** POST /api/setup: redeems the one-time setup link for the first admin. */
import { z } from 'zod';
import { getDb } from '@/db/client';
import { handler, HttpError, json, parseBody, readJson } from '@/lib/api/http';
import { completeSetup, UserError } from '@/server/services/users';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const setupSchema = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(8).max(128),
});

export const POST = handler(async (req) => {
  const input = parseBody(setupSchema, await readJson(req));
  try {
    const user = await completeSetup(getDb(), input);
    return json({ id: user.id, email: user.email, role: user.role }, 201);
  } catch (err) {
    if (err instanceof UserError) throw new HttpError(err.field === 'token' ? 403 : 400, `${err.field}: ${err.message}`, err.field);
    throw err;
  }
});
