/** Acknowledge a hand-off: GET from the notification's link (token), POST from the API (bearer key). */
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handler, HttpError, json } from '@/lib/api/http';
import { env } from '@/lib/env';
import { authorizeRoute } from '@/server/route-access';
import { acknowledgeAndSignal } from '@/server/services/acknowledge';
import { recordAudit, systemActor } from '@/server/services/audit';
import { clientIp } from '@/server/trpc';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export const GET = handler(async (req, ctx: Ctx) => {
  const { id } = await ctx.params;
  const token = new URL(req.url).searchParams.get('token');
  if (!token) throw new HttpError(401, 'token: the acknowledge link is missing its token', 'token');
  const result = await acknowledgeAndSignal(getDb(), { handoffId: id, token });
  if (!result) throw new HttpError(404, 'no hand-off matches this link', 'token');
  if (result.newlyAcknowledged) {
    const entry = { action: 'desk.acknowledge', summary: `hand-off ${id} acknowledged from the notification link`, targetType: 'handoff', targetId: id };
    await recordAudit(getDb(), systemActor('acknowledge link', clientIp(req.headers)), entry);
  }
  return NextResponse.redirect(new URL(`/leads/${result.handoff.leadId}?acknowledged=${result.handoff.id}`, env().APP_URL), 303);
});

export const POST = handler(async (req, ctx: Ctx) => {
  const db = getDb();
  await authorizeRoute(db, req, 'POST /api/handoff/[id]/ack');
  const { id } = await ctx.params;
  const result = await acknowledgeAndSignal(db, { handoffId: id });
  if (!result) throw new HttpError(404, `no hand-off with id ${id}`, 'id');
  if (result.newlyAcknowledged) {
    await recordAudit(db, systemActor('API key', clientIp(req.headers)), { action: 'desk.acknowledge', summary: `hand-off ${id} acknowledged through the API`, targetType: 'handoff', targetId: id });
  }
  return json({ handoff_id: result.handoff.id, acknowledged_at: result.handoff.acknowledgedAt, handoff_ms: result.handoffMs, newly_acknowledged: result.newlyAcknowledged });
});
