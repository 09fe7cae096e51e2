/**
 * The accept side of POST /api/events, after auth and body reading: validate one event or a batch, refuse when the
 * inbox is full, store in the inbox (concurrent single events share one insert) and say what happened. Shared by the
 * lean node:http path (server/http/events.ts) and the Next route, so both answer alike.
 */
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { HttpError, parseBody } from '@/lib/api/http';
import { eventBatchSchema, eventSchema, type EventInput } from '@/lib/api/schemas';
import { getInboxApplier } from '@/server/context';
import { acceptEvents } from './event-inbox';
import { createEventCoalescer, type EventCoalescer } from './ingest-coalescer';
import type { Rejection } from './ingest-events';

export interface AcceptReply {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

const globalForCoalescer = globalThis as unknown as { leadflowEventCoalescer?: EventCoalescer };

/** One per process (on globalThis, so the lean path and Next's bundle share it): concurrent single events share one inbox insert. */
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

/** `body` is the parsed JSON; `arrived` is performance.now() when the request came in (its API key check read config_version then). */
export function acceptEventBody(body: unknown, arrived: number): Promise<AcceptReply> {
  // While requests are being accepted, the applier in this process takes the backlog in smaller, paced bites.
  return getInboxApplier().accepting(() => accept(body, arrived));
}

async function accept(body: unknown, arrived: number): Promise<AcceptReply> {
  const isBatch = typeof body === 'object' && body !== null && 'events' in body;
  if (!isBatch) {
    const event = parseBody(eventSchema, body);
    refuseWhenFull();
    const outcome = await coalescer().ingest(event, arrived);
    if (outcome.status === 'rejected') {
      const { field, message } = outcome.rejection;
      throw new HttpError(field === 'type' ? 400 : 404, `${field}: ${message}`, field);
    }
    return { accepted: outcome.status === 'accepted' ? 1 : 0, duplicates: outcome.status === 'duplicate' ? 1 : 0, rejected: [] };
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
  const result = await acceptEvents(getDb(), valid.map((v) => v.event), { since: arrived });
  // acceptEvents numbers its rejections within `valid`; map them back to the request's indexes.
  for (const r of result.rejected) rejected.push({ ...r, index: valid[r.index]!.index });
  rejected.sort((a, b) => a.index - b.index);
  stored(result.accepted);
  return { accepted: result.accepted, duplicates: result.duplicates, rejected };
}
