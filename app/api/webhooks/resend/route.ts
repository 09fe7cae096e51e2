/** Resend's webhook endpoint: the raw body is read as text because the signature covers the exact bytes. */
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { deliverNow } from '@/server/context';
import { ingestEvents } from '@/server/services/ingest-events';
import { handleResendWebhook } from '@/server/services/resend-webhook';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const db = getDb();
  const rawBody = await request.text();
  const result = await handleResendWebhook(
    {
      db,
      ingestEvents: async (events) => {
        const result = await ingestEvents(db, events);
        // Opens and clicks move the lead's journey now, not at the worker's next poll.
        after(() => deliverNow(result.outboxIds));
        return result;
      },
    },
    { rawBody, headers: request.headers },
  );
  return Response.json(result.body, { status: result.status });
}
