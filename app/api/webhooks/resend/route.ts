/** Resend's webhook endpoint: the raw body is read as text because the signature covers the exact bytes. */
import { getDb } from '@/db/client';
import { ingestEvents } from '@/server/services/ingest-events';
import { handleResendWebhook } from '@/server/services/resend-webhook';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const db = getDb();
  const rawBody = await request.text();
  const result = await handleResendWebhook(
    { db, ingestEvents: async (events) => ingestEvents(db, events) },
    { rawBody, headers: request.headers },
  );
  return Response.json(result.body, { status: result.status });
}
