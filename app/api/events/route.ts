/** POST /api/events: one event, or { events: [...] } of up to 1,000; each event id counts once. 202 once stored in the inbox; applied in the background. */
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { handler, HttpError, json, parseBody, readJson } from '@/lib/api/http';
import { getInboxApplier } from '@/server/context';
import { authorizeRoute } from '@/server/route-access';
import { eventBatchSchema, eventSchema, type EventInput } from '@/lib/api/schemas';
import type { Rejection } from '@/server/services/ingest-events';
import { acceptEvents } from '@/server/services/event-inbox';
import { createEventCoalescer, type EventCoalescer } from '@/server/services/ingest-coalescer';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const globalForCoalescer = globalThis as unknown as { leadflowEventCoalescer?: EventCoalescer };

/** One per process: concurrent single events share one inbox insert; the applier wakes as soon as it commits. */
function coalescer(): EventCoalescer {
  return (globalForCoalescer.leadflowEventCoalescer ??= createEventCoalescer(getDb(), { onCommitted: stored }));
}

function stored(accepted: number): void {
  const applier = getInboxApplier();
  applier.added(accepted);
  applier.wake();
}

/** Backpressure: a deep inbox refuses more rather than let the backlog (and the time to apply it) grow without bound. */
function refuseWhenFull(): void {
  const applier = getInboxApplier();
  if (applier.depth() >= env().EVENT_INBOX_MAX) {
    applier.wake();
    throw new HttpError(503, `${applier.depth()} events are waiting to be applied; send again after the Retry-After seconds`, 'events', undefined, { 'retry-after': '5' });
  }
}

// While requests are being accepted, the applier in this process takes the backlog in smaller, paced bites.
export const POST = handler((req) => getInboxApplier().accepting(() => accept(req)));

async function accept(req: Request): Promise<Response> {
  const arrived = performance.now();
  const db = getDb();
  await authorizeRoute(db, req, 'POST /api/events');
  const body = await readJson(req);
  const isBatch = typeof body === 'object' && body !== null && 'events' in body;

  if (!isBatch) {
    const event = parseBody(eventSchema, body);
    refuseWhenFull();
    const outcome = await coalescer().ingest(event, arrived);
    if (outcome.status === 'rejected') {
      const { field, message } = outcome.rejection;
      throw new HttpError(field === 'type' ? 400 : 404, `${field}: ${message}`, field);
    }
    return json({ accepted: outcome.status === 'accepted' ? 1 : 0, duplicates: outcome.status === 'duplicate' ? 1 : 0, rejected: [] }, 202);
  }

  const { events } = parseBody(eventBatchSchema, body);
  refuseWhenFull();
  const rejected: Rejection[] = [];
  const valid: { index: number; event: EventInput }[] = [];
  events.forEach((raw, index) => {
    const parsed = eventSchema.safeParse(raw);
    if (parsed.success) valid.push({ index, event: parsed.data });
    else {
      const issue = parsed.error.issues[0]!;
      rejected.push({ index, field: issue.path.join('.') || 'event', message: issue.message });
    }
  });
  const result = await acceptEvents(db, valid.map((v) => v.event), { since: arrived });
  // acceptEvents numbers its rejections within `valid`; map them back to the request's indexes.
  for (const r of result.rejected) rejected.push({ ...r, index: valid[r.index]!.index });
  rejected.sort((a, b) => a.index - b.index);
  stored(result.accepted);
  return json({ accepted: result.accepted, duplicates: result.duplicates, rejected }, 202);
}
