/** Resend's webhook endpoint: the raw body is read as text because the signature covers the exact bytes. */
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { handler, readText } from '@/lib/api/http';
import { deliverNow } from '@/server/context';
import { ingestEvents } from '@/server/services/ingest-events';
import { handleResendWebhook } from '@/server/services/resend-webhook';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Resend's events are a few KiB; anything bigger is refused before it is read, let alone verified. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

export const POST = handler(async (request: Request): Promise<Response> => {
  const db = getDb();
  const rawBody = await readText(request, MAX_WEBHOOK_BYTES);
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
});
