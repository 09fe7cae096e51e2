/**
 * POST /api/events: one event, or { events: [...] } of up to 1,000; each event id counts once. 202 once stored in the
 * inbox; applied in the background. The app's server (server/http/main.ts) answers this route on its lean path before
 * Next sees it; this handler serves the same contract when Next runs on its own (`next start`, `next dev`).
 */
import { getDb } from '@/db/client';
import { handler, json, readJson } from '@/lib/api/http';
import { authorizeRoute } from '@/server/route-access';
import { acceptEventBody } from '@/server/services/event-accept';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handler(async (req) => {
  const arrived = performance.now();
  await authorizeRoute(getDb(), req, 'POST /api/events');
  return json(await acceptEventBody(await readJson(req), arrived), 202);
});
