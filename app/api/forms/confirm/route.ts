/** POST /api/forms/confirm: the double opt-in confirmation; the lead enters journeys now. */
import { after } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { handler, json, parseBody, readJson } from '@/lib/api/http';
import { deliverNow } from '@/server/context';
import { authorizeRoute } from '@/server/route-access';
import { confirmSubmission } from '@/server/services/form-submit';
import { asHttp } from '@/server/services/input-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({ token: z.string().trim().min(1, 'is required').max(200) });

export const POST = handler(async (req) => {
  const db = getDb();
  await authorizeRoute(db, req, 'POST /api/forms/confirm');
  const { token } = parseBody(bodySchema, await readJson(req));
  const result = await asHttp(() => confirmSubmission(db, token));
  after(() => deliverNow(result.outboxIds));
  return json({ ok: true, already_confirmed: result.alreadyConfirmed, thank_you: result.thankYou });
});
