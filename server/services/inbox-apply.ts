/**
 * The apply side of the event inbox: takes waiting events of one partition of leads (hot leads first), applies them
 * through ingestEvents and deletes those rows in the same transaction. Each partition has its own advisory lock, so
 * one applier at a time per partition keeps every lead's events in accepted order while partitions run in parallel.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { anyOf } from '@/lib/journey/targets';
import { ingestEvents, type IncomingEvent, type Rejection } from './ingest-events';

type InboxRow = {
  id: string | number;
  event_id: string;
  lead_id: string;
  type: string;
  occurred_at: string | Date;
  received_at: string | Date;
  properties: Record<string, unknown>;
};

export interface ApplyOutcome {
  /** False when another applier holds this partition's lock: nothing was done here. */
  ran: boolean;
  applied: number;
  /** Rows taken off the inbox that could not be applied (their lead was deleted, a type no rule names any more). */
  dropped: Rejection[];
  /** Rows Postgres refused to apply, moved to event_inbox_dead. */
  deadLettered: { eventId: string; error: string }[];
  outboxIds: number[];
  /** The hand-off starts among outboxIds. */
  handoffOutboxIds: number[];
  /** The batch was the hot pass (leads with an event that can hand them to sales). */
  hot: boolean;
}

/** Arbitrary but fixed: the first key of every applier lock (the second is the partition). */
export const APPLIER_LOCK = 740_2106_10;

/**
 * Leads are split into this many partitions by a hash of their id; every process must use the same count, or two
 * appliers could hold the same lead. Four keeps two cores busy (a transaction waits on Postgres while another runs JS).
 */
export const INBOX_PARTITIONS = 4;

/** An event refused alone this many times in a row goes to the dead letters (a value Postgres cannot store goes at once). */
export const DEAD_LETTER_ATTEMPTS = 3;

const inPartition = (partition: number): SQL => sql`(hashtext(lead_id::text) & 2147483647) % ${INBOX_PARTITIONS} = ${partition}`;

/** Postgres said no to this event (not to the connection or the moment): class 22 data, 23 constraint, 54 limit, P0 a trigger's raise. */
function refusal(err: unknown): { code: string; message: string } | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { name?: string; code?: unknown; message?: string };
    if (pg.name === 'PostgresError' && typeof pg.code === 'string' && /^(22|23|54|P0)/.test(pg.code)) return { code: pg.code, message: pg.message ?? '' };
  }
  return null;
}

/** The partitions with at least one waiting event: one statement, an index probe per partition. */
export async function waitingPartitions(db: Db): Promise<number[]> {
  const rows = await db.execute<{ p: number }>(sql`
    select p from generate_series(0, ${INBOX_PARTITIONS - 1}) as p
    where exists (select 1 from event_inbox where (hashtext(lead_id::text) & 2147483647) % ${INBOX_PARTITIONS} = p)`);
  return rows.map((r) => Number(r.p));
}

export interface ApplyOptions {
  /** Events per bulk (non-hot) batch; `limit` caps the hot pass. */
  bulkLimit?: number;
  /** The partition to apply; without it the whole inbox, holding every partition's lock. */
  partition?: number;
  /**
   * This is the `attempt`-th try of a lone event (after its batch failed): a refusal by Postgres then moves it to the
   * dead letters, at once for a value it cannot store, from DEAD_LETTER_ATTEMPTS on for anything else it refuses.
   */
  aloneAttempt?: number;
}

/** Applies up to `limit` waiting events of one partition: leads with a hot event first, each lead's events in accepted order. */
export async function applyInboxOnce(db: Db, limit = 1000, opts: ApplyOptions = {}): Promise<ApplyOutcome> {
  const idle = (ran: boolean, hot = false): ApplyOutcome => ({ ran, applied: 0, dropped: [], deadLettered: [], outboxIds: [], handoffOutboxIds: [], hot });
  return db.transaction(async (tx) => {
    const partitions = opts.partition === undefined ? Array.from({ length: INBOX_PARTITIONS }, (_, p) => p) : [opts.partition];
    const locks = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${APPLIER_LOCK}, p) as ok from unnest(${anyOf(partitions)}::int[]) as p`);
    if (!locks.every((l) => l.ok)) return idle(false);
    const where = opts.partition === undefined ? sql`true` : inPartition(opts.partition);
    const cols = sql`id, event_id, lead_id, type, coalesce(occurred_at, received_at) as occurred_at, received_at, properties`;
    // Every waiting event of a hot lead, oldest first, so its hot event is applied after (never before) the lead's earlier ones.
    let rows = await tx.execute<InboxRow>(sql`
      select ${cols} from event_inbox
      where lead_id in (select lead_id from event_inbox where hot and ${where} limit 100)
      order by id limit ${limit}`);
    const hot = rows.length > 0;
    if (!hot) rows = await tx.execute<InboxRow>(sql`select ${cols} from event_inbox where ${where} order by id limit ${opts.bulkLimit ?? limit}`);
    if (rows.length === 0) return idle(true, hot);
    const events: IncomingEvent[] = rows.map((r) => ({
      event_id: r.event_id,
      lead_id: r.lead_id,
      type: r.type,
      occurred_at: new Date(r.occurred_at).toISOString(),
      properties: r.properties,
    }));
    const deadLettered: ApplyOutcome['deadLettered'] = [];
    // Within this transaction (as a savepoint), so the rows leave the inbox exactly when their effects commit.
    let result;
    try {
      result = await ingestEvents(db, events, { within: tx });
    } catch (err) {
      const refused = opts.aloneAttempt !== undefined && rows.length === 1 ? refusal(err) : null;
      const hopeless = refused && (/^(22|54)/.test(refused.code) || opts.aloneAttempt! >= DEAD_LETTER_ATTEMPTS);
      if (!refused || !hopeless) throw err;
      // Kept with its error beside the inbox, in the transaction that takes it off, so the lead's later events move on.
      const row = rows[0]!;
      const error = `${refused.code}: ${refused.message}`;
      await tx.execute(sql`
        insert into event_inbox_dead (event_id, lead_id, type, occurred_at, properties, received_at, attempts, error)
        select event_id, lead_id, type, occurred_at, properties, received_at, ${opts.aloneAttempt!}, ${error} from event_inbox where id = ${Number(row.id)}`);
      deadLettered.push({ eventId: row.event_id, error });
      result = { accepted: 0, duplicates: 0, outboxIds: [], rejected: [] };
    }
    await tx.execute(sql`delete from event_inbox where id = any(${anyOf(rows.map((r) => Number(r.id)))}::bigint[])`);
    return { ran: true, applied: result.accepted + result.duplicates, dropped: result.rejected, deadLettered, outboxIds: result.outboxIds, handoffOutboxIds: result.handoffOutboxIds ?? [], hot };
  });
}
