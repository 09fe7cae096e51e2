/**
 * The durable event inbox: POST /api/events validates, resolves each event's lead and stores it here in one insert,
 * answering 202 then; `applyInboxOnce` later applies what is waiting (scoring, lead_events, hand-offs, journey signals)
 * through ingestEvents and deletes those rows in the same transaction, so a crash anywhere loses nothing and applies
 * nothing twice (the apply side is inbox-apply.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pointsForEvent } from '@/lib/scoring/evaluate';
import { ingestConfig } from '@/lib/capture/ingest-config';
import { isUuid } from '@/lib/ids';
import { knownEventTypes, type IncomingEvent, type Rejection } from './ingest-events';
import { anyOf } from '@/lib/journey/targets';

export interface AcceptResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /** Input indexes of events already stored or waiting (or repeated earlier in the same call). */
  duplicateIndexes: number[];
}

/**
 * Validated events in, one statement: it finds each event's lead (by id, else email), stores the ones whose lead and
 * type are known, first in the call and not seen before, and says per event what happened. Unknown leads and types are
 * refused by index; repeats of a stored or waiting id are duplicates. `since`: when the earliest of these requests
 * arrived (performance.now()), so the config_version its API key check read serves here too.
 */
export async function acceptEvents(db: Db, events: IncomingEvent[], opts: { since?: number } = {}): Promise<AcceptResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, rejected: [], duplicateIndexes: [] };
  const { rules, thresholds, hotLane } = await ingestConfig(db, opts.since);
  const known = knownEventTypes(rules);
  // The first time an id appears in the call is the one that may be stored; later repeats are duplicates either way.
  const seenInCall = new Set<string>();
  const candidate = events.map((e) => {
    const first = !seenInCall.has(e.event_id);
    seenInCall.add(e.event_id);
    return first && known.has(e.type);
  });
  const rows = await db.execute<{ ord: string | number; found: boolean; stored: boolean }>(sql`
    with u as (
      select * from unnest(${anyOf(events.map((e) => e.event_id))}::text[], ${sql.param(events.map((e) => (e.lead_id ? (isUuid(e.lead_id) ? e.lead_id : null) : null)))}::uuid[],
        ${sql.param(events.map((e) => (e.lead_id ? null : (e.email?.toLowerCase() ?? null))))}::text[], ${anyOf(events.map((e) => e.type))}::text[],
        ${sql.param(events.map((e) => e.occurred_at ?? null))}::text[], ${anyOf(events.map((e) => JSON.stringify(e.properties ?? {})))}::text[],
        ${anyOf(events.map((e) => pointsForEvent(rules, { type: e.type }, {}).points))}::int[], ${anyOf(events.map((e) => hotLane.handoffNowEvents.includes(e.type)))}::text[],
        ${anyOf(candidate)}::text[]) with ordinality as u(e, l, m, t, o, p, pts, now, cand, ord)
    ),
    r as (
      select u.*, le.id as lead_id, le.score
      from u left join lateral (
        select id, score from leads where case when u.l is not null then id = u.l else email = u.m end limit 1
      ) le on true
    ),
    ins as (
      insert into event_inbox (event_id, lead_id, type, occurred_at, properties, hot)
      select e, lead_id, t, o::timestamptz, p::jsonb, now::boolean or (pts > 0 and score < ${thresholds.hot} and score + pts >= ${thresholds.hot})
      from r
      where cand::boolean and lead_id is not null and not exists (select 1 from lead_events le where le.event_id = r.e)
      on conflict (event_id) do nothing
      returning event_id
    )
    select ord, lead_id is not null as found, cand::boolean and e in (select event_id from ins) as stored from r`);
  const byIndex = new Map(rows.map((r) => [Number(r.ord) - 1, r]));
  const rejected: Rejection[] = [];
  const duplicateIndexes: number[] = [];
  let accepted = 0;
  events.forEach((event, index) => {
    const row = byIndex.get(index);
    if (!row?.found) rejected.push({ index, field: event.lead_id ? 'lead_id' : 'email', message: 'no lead with this id or email' });
    else if (!known.has(event.type)) rejected.push({ index, field: 'type', message: `unknown event type "${event.type}": use a built-in type or one a scoring rule names` });
    else if (row.stored) accepted++;
    else duplicateIndexes.push(index);
  });
  return { accepted, duplicates: duplicateIndexes.length, rejected, duplicateIndexes };
}

/** An upper bound on the events waiting, from two index reads (a count would scan a deep inbox). */
export async function inboxDepth(db: Db): Promise<number> {
  const [row] = await db.execute<{ n: string | number | null }>(sql`select (select max(id) from event_inbox) - (select min(id) from event_inbox) + 1 as n`);
  return Number(row?.n ?? 0);
}
