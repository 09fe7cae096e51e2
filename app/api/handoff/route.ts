/** POST /api/handoff: hand a lead to a sales owner now; the SLA clock starts. */
import { getDb } from '@/db/client';
import { handler, json, parseBody, readJson } from '@/lib/api/http';
import { authorizeRoute } from '@/server/route-access';
import { handoffRequestSchema, startManualHandoff } from '@/server/services/manual-handoff';
import { getTemporalClient } from '@/server/temporal';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handler(async (req) => {
  const db = getDb();
  await authorizeRoute(db, req, 'POST /api/handoff');
  const input = parseBody(handoffRequestSchema, await readJson(req));
  const handoff = await startManualHandoff(db, await getTemporalClient(), input, req.headers.get('idempotency-key') ?? undefined);
  return json(
    { handoff_id: handoff.id, lead_id: handoff.leadId, owner_id: handoff.ownerId, sla_minutes: handoff.slaMinutes, workflow_id: handoff.workflowId, created_at: handoff.createdAt },
    201,
  );
});
