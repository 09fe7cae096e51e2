/** Delivers outbox rows to Temporal (a plain signal to a running run, signal-with-start to a new one): leased claims, backoff, dead letters, pruning; a row is marked delivered only after Temporal accepted it. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { isGrpcServiceError, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '@/db/client';
import { journeyRuns, journeyVersions, signalOutbox } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import { FOLLOW_UP_SIGNAL, salesTaskQueue, START_HANDOFF_SLA, type FollowUpSignal, type FollowUpWorkflowInput, type HandoffWorkflowInput, type JourneySettings, type JourneyWorkflowInput, type LeadEventSignal } from '@/lib/journey/contract';
import { log } from '@/lib/log';

export interface RelayDeps {
  db: Db;
  client: () => Promise<Client>;
  taskQueue: string;
  settings: () => Promise<JourneySettings>;
}

export interface SignalRelay {
  /** Delivers the given rows (or the oldest pending ones); returns how many Temporal accepted. */
  deliver(ids?: number[]): Promise<number>;
  /** Polls for rows a crashed or unreachable process left behind, and prunes old delivered rows hourly. */
  start(intervalMs: number): () => Promise<void>;
  /** Deletes outbox rows delivered longer ago than the retention (7 days) and held events taken over a day ago; returns how many. */
  prune(retentionMs?: number): Promise<number>;
}

const CHUNK = 500;
const PARALLEL_WORKFLOWS = 16;
/** How long a claim lasts; far above one signal-with-start, short enough that a crashed relay's rows come back soon. */
export const LEASE_SECONDS = 30;
/** After this many failed attempts a row is dead-lettered instead of blocking its lead forever. */
export const MAX_ATTEMPTS = 10;
/** Delivered rows are kept this long for debugging, then pruned. */
export const PRUNE_AFTER_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 5_000;
/** Held events an unpark took are kept this long: far beyond any retry of that unpark. */
export const TAKEN_KEPT_MS = 86_400_000;

/** 2 s, 4 s, 8 s … capped at 10 minutes: ten attempts span about half an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

// gRPC status codes: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE.
const UNREACHABLE_CODES = new Set([4, 8, 14]);

/** The Temporal frontend is down or overloaded: no row's fault. */
function isUnreachable(err: unknown): boolean {
  const cause = err instanceof ServiceError ? err.cause : err;
  return isGrpcServiceError(cause) && UNREACHABLE_CODES.has(cause.code);
}

async function forEachConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

export function createSignalRelay(deps: RelayDeps): SignalRelay {
  const definitions = new Map<string, JourneyDefinition>();

  async function definitionFor(journeyId: string, version: number): Promise<JourneyDefinition> {
    const key = `${journeyId}:${version}`;
    const cached = definitions.get(key);
    if (cached) return cached;
    const [row] = await deps.db
      .select({ definition: journeyVersions.definition })
      .from(journeyVersions)
      .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, version)));
    if (!row) throw new Error(`journey ${journeyId} has no version ${version}`);
    definitions.set(key, row.definition as JourneyDefinition);
    return row.definition as JourneyDefinition;
  }

  /** `runStatus`: the journey run's row status when claimed; 'running' means its workflow was started. */
  type Row = typeof signalOutbox.$inferSelect & { runStatus?: string | null };
  type Outcome = { id: number; workflowId: string; ok: true; closed: boolean } | { id: number; ok: false; transient: boolean; error: string };
  const failed =
    (row: Row) =>
    (err: unknown): Outcome => ({ id: row.id, ok: false, transient: isUnreachable(err), error: String(err).slice(0, 500) });

  /** A hot lead's hand-off: the SLA workflow on the sales queue; its id is the hand-off's, so a second start is a no-op. */
  async function startHandoff(client: Client, row: Row): Promise<Outcome> {
    try {
      await client.workflow.start('handoffSlaWorkflow', {
        workflowId: row.workflowId,
        taskQueue: salesTaskQueue(deps.taskQueue),
        args: [row.payload as unknown as HandoffWorkflowInput],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      // Already started (by an earlier delivery, or by the journey's hand-off node reusing this hand-off): delivered.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) return failed(row)(err);
    }
    return { id: row.id, workflowId: row.workflowId, ok: true, closed: false };
  }

  /** A rep's follow-up date: the lead's reminder run takes the latest date, or a new run starts (the last one ended). */
  async function setFollowUp(client: Client, row: Row): Promise<Outcome> {
    const input: FollowUpWorkflowInput = { version: 1, leadId: row.leadId };
    try {
      await client.workflow.signalWithStart('followUpReminderWorkflow', {
        workflowId: row.workflowId,
        taskQueue: salesTaskQueue(deps.taskQueue),
        args: [input],
        signal: FOLLOW_UP_SIGNAL,
        signalArgs: [row.payload as unknown as FollowUpSignal],
      });
      return { id: row.id, workflowId: row.workflowId, ok: true, closed: false };
    } catch (err) {
      return failed(row)(err);
    }
  }

  async function signal(client: Client, settings: JourneySettings, row: Row): Promise<Outcome> {
    if (row.signal === START_HANDOFF_SLA) return startHandoff(client, row);
    if (row.signal === FOLLOW_UP_SIGNAL) return setFollowUp(client, row);
    if (row.journeyId === null || row.journeyVersion === null) return { id: row.id, ok: false, transient: false, error: `outbox row ${row.id} names no journey` };
    // A started run needs only the event: no definition to serialise, no start request for the server to weigh.
    if (row.runStatus === 'running') {
      try {
        await client.workflow.getHandle(row.workflowId).signal(row.signal, row.payload as unknown as LeadEventSignal);
        return { id: row.id, workflowId: row.workflowId, ok: true, closed: false };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { id: row.id, workflowId: row.workflowId, ok: true, closed: true };
        return failed(row)(err);
      }
    }
    const input: JourneyWorkflowInput = {
      version: 1,
      leadId: row.leadId,
      journeyId: row.journeyId,
      journeyVersion: row.journeyVersion,
      definition: await definitionFor(row.journeyId, row.journeyVersion),
      settings,
    };
    try {
      await client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: row.workflowId,
        taskQueue: deps.taskQueue,
        args: [input],
        signal: row.signal,
        signalArgs: [row.payload as unknown as LeadEventSignal],
        // A finished run stays finished: an event must not restart a lead's journey.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return { id: row.id, workflowId: row.workflowId, ok: true, closed: false };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return { id: row.id, workflowId: row.workflowId, ok: true, closed: true };
      return failed(row)(err);
    }
  }

  /**
   * Claims up to CHUNK deliverable rows with a short lease, in its own short transaction. A row waits
   * while an earlier row of its workflow is leased elsewhere or backing off, so a lead's events keep
   * their order; a dead-lettered row no longer holds its lead back.
   */
  async function claim(ids: number[] | undefined): Promise<Row[]> {
    const only = ids ? sql`and o.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql``;
    const rows = await deps.db.execute<{ id: number }>(sql`
      update signal_outbox set claimed_until = now() + ${`${LEASE_SECONDS} seconds`}::interval
      where id in (
        select o.id from signal_outbox o
        where o.delivered_at is null and o.dead_at is null
          and (o.claimed_until is null or o.claimed_until < now())
          and (o.next_attempt_at is null or o.next_attempt_at <= now())
          ${only}
          and not exists (
            select 1 from signal_outbox e
            where e.workflow_id = o.workflow_id and e.id < o.id and e.delivered_at is null and e.dead_at is null
              and (e.claimed_until > now() or e.next_attempt_at > now()))
        order by (o.signal = ${START_HANDOFF_SLA}) desc, o.id limit ${CHUNK}
        for update skip locked)
      returning id`);
    if (rows.length === 0) return [];
    const claimed = await deps.db
      .select({ row: signalOutbox, runStatus: journeyRuns.status })
      .from(signalOutbox)
      .leftJoin(journeyRuns, eq(journeyRuns.workflowId, signalOutbox.workflowId))
      .where(inArray(signalOutbox.id, rows.map((r) => Number(r.id))))
      .orderBy(asc(signalOutbox.id));
    return claimed.map((c) => ({ ...c.row, runStatus: c.runStatus }));
  }

  /** Records one row's outcome at once: a later failure never undoes an earlier delivery. */
  async function settle(outcome: Outcome, attempts: number): Promise<void> {
    if (outcome.ok) {
      await deps.db
        .update(signalOutbox)
        .set({ deliveredAt: new Date(), claimedUntil: null, lastError: outcome.closed ? 'run already closed' : null })
        .where(eq(signalOutbox.id, outcome.id));
      return;
    }
    if (outcome.transient) {
      // Temporal itself is unreachable: not this row's fault, so it costs no attempt; the next poll retries.
      await deps.db.update(signalOutbox).set({ claimedUntil: null, lastError: outcome.error }).where(eq(signalOutbox.id, outcome.id));
      return;
    }
    const tries = attempts + 1;
    const dead = tries >= MAX_ATTEMPTS;
    await deps.db
      .update(signalOutbox)
      .set({
        attempts: tries,
        lastError: outcome.error,
        claimedUntil: null,
        nextAttemptAt: dead ? null : new Date(Date.now() + backoffMs(tries)),
        deadAt: dead ? new Date() : null,
      })
      .where(eq(signalOutbox.id, outcome.id));
    if (dead) log('relay').error({ outboxId: outcome.id, attempts: tries, error: outcome.error }, 'outbox row dead-lettered');
  }

  /** Rows of one workflow go in order, one at a time; different workflows go side by side. Temporal is called outside any transaction. */
  async function deliverChunk(client: Client, settings: JourneySettings, ids: number[] | undefined): Promise<{ claimed: number; delivered: number; unreachable: boolean }> {
    const rows = await claim(ids);
    const lanes = new Map<string, Row[]>();
    for (const row of rows) (lanes.get(row.workflowId) ?? lanes.set(row.workflowId, []).get(row.workflowId)!).push(row);
    let delivered = 0;
    let unreachable = false;
    const started = new Set<string>();
    // Hand-off starts go first: a hot lead must not wait behind a backlog of nurture signals.
    const ordered = [...lanes.values()].sort((a, b) => Number(b[0]!.signal === START_HANDOFF_SLA) - Number(a[0]!.signal === START_HANDOFF_SLA));
    await forEachConcurrently(ordered, PARALLEL_WORKFLOWS, async (lane) => {
      for (const [i, row] of lane.entries()) {
        const outcome = unreachable ? ({ id: row.id, ok: false, transient: true, error: 'Temporal unreachable' } as const) : await signal(client, settings, row).catch(failed(row));
        await settle(outcome, row.attempts);
        if (outcome.ok) {
          delivered += 1;
          started.add(outcome.workflowId);
          continue;
        }
        if (outcome.transient) unreachable = true;
        // Later events of this lead must not overtake this one: hand them back for the next poll.
        const rest = lane.slice(i + 1).map((r) => r.id);
        if (rest.length) await deps.db.update(signalOutbox).set({ claimedUntil: null }).where(inArray(signalOutbox.id, rest));
        break;
      }
    });
    if (started.size) {
      await deps.db
        .update(journeyRuns)
        .set({ status: 'running', updatedAt: new Date() })
        .where(and(inArray(journeyRuns.workflowId, [...started]), eq(journeyRuns.status, 'starting')));
    }
    return { claimed: rows.length, delivered, unreachable };
  }

  async function deliver(ids?: number[]): Promise<number> {
    if (ids && ids.length === 0) return 0;
    const client = await deps.client();
    const settings = await deps.settings();
    let delivered = 0;
    if (ids) {
      for (let i = 0; i < ids.length; i += CHUNK) delivered += (await deliverChunk(client, settings, ids.slice(i, i + CHUNK))).delivered;
      return delivered;
    }
    for (;;) {
      const { claimed, delivered: n, unreachable } = await deliverChunk(client, settings, undefined);
      delivered += n;
      if (claimed < CHUNK || n === 0 || unreachable) return delivered;
    }
  }

  /** Deletes the rows of `table` whose `column` is older than `before`, 5,000 at a time so no delete holds locks long. */
  async function deleteOlder(table: 'signal_outbox' | 'absorbed_events', column: 'delivered_at' | 'taken_at', before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await deps.db.execute(sql`
        delete from ${sql.identifier(table)} where id in (
          select id from ${sql.identifier(table)} where ${sql.identifier(column)} < ${before.toISOString()}::timestamptz limit ${PRUNE_BATCH})
        returning id`);
      total += deleted.length;
      if (deleted.length < PRUNE_BATCH) return total;
    }
  }

  /** Deletes delivered rows older than the retention; dead letters stay for ops. */
  async function prune(retentionMs = PRUNE_AFTER_MS): Promise<number> {
    const delivered = await deleteOlder('signal_outbox', 'delivered_at', new Date(Date.now() - retentionMs));
    // Held events an unpark took: kept a day so a retry of that unpark gets them again, then gone.
    return delivered + (await deleteOlder('absorbed_events', 'taken_at', new Date(Date.now() - TAKEN_KEPT_MS)));
  }

  function start(intervalMs: number): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    let prunedAt = 0;
    const timer = setInterval(() => {
      if (stopped) return;
      running = running.then(() => deliver()).catch((err: unknown) => log('relay').error({ err }, 'outbox poll failed'));
      if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
      prunedAt = Date.now();
      running = running.then(() => prune()).catch((err: unknown) => log('relay').error({ err }, 'outbox prune failed'));
    }, intervalMs);
    return async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    };
  }

  return { deliver, start, prune };
}
