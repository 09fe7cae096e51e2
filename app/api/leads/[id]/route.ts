/** GET /api/leads/:id: the lead with score, stage, owner, journey runs and their Temporal UI links. */
import { getDb } from '@/db/client';
import { handler, HttpError, json } from '@/lib/api/http';
import { authorizeRoute } from '@/server/route-access';
import { getLeadDetails, leadToApi } from '@/server/services/lead-details';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handler(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const db = getDb();
  await authorizeRoute(db, req, 'GET /api/leads/[id]');
  const { id } = await ctx.params;
  const details = await getLeadDetails(db, id);
  if (!details) throw new HttpError(404, `no lead with id ${id}`, 'id');
  return json(leadToApi(details));
});
