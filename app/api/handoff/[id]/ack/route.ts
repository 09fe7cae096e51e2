/**
 * Acknowledge a hand-off. GET (the notification's token link) only shows a page whose button POSTs, because link
 * scanners and chat previews fetch links; POST acknowledges, with the link's token or the API's bearer key.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { escapeHtml, headOf, htmlPage, postButton, readForm } from '@/lib/api/html-page';
import { handler, HttpError, json } from '@/lib/api/http';
import { env } from '@/lib/env';
import { authorizeRoute } from '@/server/route-access';
import { acknowledgeAndSignal, auditAcknowledgement, handoffForLink } from '@/server/services/acknowledge';
import { clientIp } from '@/server/trpc';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

const from = (req: Request) => ({ ip: clientIp(req.headers), userAgent: req.headers.get('user-agent') });

const page = (status: number, title: string, body: string) => htmlPage(status, title, body, 'ack-title');

export const GET = handler(async (req, ctx: Ctx) => {
  const { id } = await ctx.params;
  const token = new URL(req.url).searchParams.get('token');
  if (!token) return page(401, 'Link not valid', '<p>This acknowledge link is missing its token. Use the link from the notification.</p>');
  const found = await handoffForLink(getDb(), id.toLowerCase(), token);
  if (!found) return page(404, 'Link not valid', '<p>No hand-off matches this link.</p>');
  const lead = escapeHtml(found.leadName);
  if (found.handoff.acknowledgedAt) {
    return page(200, 'Already acknowledged', `<p>The hand-off of ${lead} was acknowledged at ${escapeHtml(found.handoff.acknowledgedAt.toISOString())}.</p>`);
  }
  return page(200, `Acknowledge ${found.leadName}?`, `<p>${escapeHtml(found.handoff.reason)}</p>${postButton(`/api/handoff/${found.handoff.id}/ack`, 'Acknowledge', { token })}`);
});

export const HEAD = (req: Request, ctx: Ctx) => headOf(GET(req, ctx));

export const POST = handler(async (req, ctx: Ctx) => {
  const db = getDb();
  const { id } = await ctx.params;
  const token = (await readForm(req)).get('token');
  if (token) {
    // The page's button: the hand-off's own token is the credential (as for the GET link), and the person lands on the lead page.
    const result = await acknowledgeAndSignal(db, { handoffId: id.toLowerCase(), token });
    if (!result) throw new HttpError(404, 'no hand-off matches this link', 'token');
    if (result.newlyAcknowledged) await auditAcknowledgement(db, result.handoff, 'link', from(req));
    return NextResponse.redirect(new URL(`/leads/${result.handoff.leadId}?acknowledged=${result.handoff.id}`, env().APP_URL), 303);
  }
  // Without the link's token this is the API's acknowledge, under the role table's rule.
  await authorizeRoute(db, req, 'POST /api/handoff/[id]/ack');
  const result = await acknowledgeAndSignal(db, { handoffId: id.toLowerCase() });
  if (!result) throw new HttpError(404, `no hand-off with id ${id}`, 'id');
  if (result.newlyAcknowledged) await auditAcknowledgement(db, result.handoff, 'api', from(req));
  return json({ handoff_id: result.handoff.id, acknowledged_at: result.handoff.acknowledgedAt, handoff_ms: result.handoffMs, newly_acknowledged: result.newlyAcknowledged });
});
