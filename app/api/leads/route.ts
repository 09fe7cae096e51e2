/** POST /api/leads: capture a lead; 201 when new, 200 with the existing id when the email is known. */
import { getDb } from '@/db/client';
import { handler, json, parseBody, readJson } from '@/lib/api/http';
import { after } from 'next/server';
import { deliverNow } from '@/server/context';
import { authorizeRoute } from '@/server/route-access';
import { captureLead, captureLeadSchema } from '@/lib/capture/capture-lead';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handler(async (req) => {
  const db = getDb();
  await authorizeRoute(db, req, 'POST /api/leads');
  const input = parseBody(captureLeadSchema, await readJson(req));
  const result = await captureLead(db, input);
  // Signals go out right after the response: the rows are committed, and the worker's poller backs this up.
  after(() => deliverNow(result.outboxIds));
  return json({ id: result.leadId, created: result.created, touchpoint_created: result.touchpointCreated }, result.created ? 201 : 200);
});
