/** Delivers outbox rows to Temporal with signal-with-start; a row is marked delivered only after Temporal accepted it. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '@/db/client';
import { journeyRuns, journeyVersions, signalOutbox } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import { salesTaskQueue, START_HANDOFF_SLA, type HandoffWorkflowInput, type JourneySettings, type JourneyWorkflowInput, type LeadEventSignal } from '@/lib/journey/contract';
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
  /** Polls for rows a crashed or unreachable process left behind. */
  start(intervalMs: number): () => Promise<void>;
}

const CHUNK = 500;
const PARALLEL_WORKFLOWS = 16;

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

  type Row = typeof signalOutbox.$inferSelect;
  type Outcome = { id: number; workflowId: string; ok: true; closed: boolean } | { id: number; ok: false; error: string };

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
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) return { id: row.id, ok: false, error: String(err).slice(0, 500) };
    }
    return { id: row.id, workflowId: row.workflowId, ok: true, closed: false };
  }

  async function signal(client: Client, settings: JourneySettings, row: Row): Promise<Outcome> {
    if (row.signal === START_HANDOFF_SLA) return startHandoff(client, row);
    if (row.journeyId === null || row.journeyVersion === null) return { id: row.id, ok: false, error: `outbox row ${row.id} names no journey` };
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
      return { id: row.id, ok: false, error: String(err).slice(0, 500) };
    }
  }

  /** Rows of one workflow go in order, one at a time; different workflows go side by side. */
  async function deliverChunk(client: Client, settings: JourneySettings, ids: number[] | undefined): Promise<{ claimed: number; delivered: number }> {
    return deps.db.transaction(async (tx) => {
      // SKIP LOCKED lets the API's fast path and the worker's poller share the table without double work.
      const rows = await tx
        .select()
        .from(signalOutbox)
        .where(and(isNull(signalOutbox.deliveredAt), ids ? inArray(signalOutbox.id, ids) : undefined))
        .orderBy(asc(signalOutbox.id))
        .limit(CHUNK)
        .for('update', { skipLocked: true });
      const lanes = new Map<string, Row[]>();
      for (const row of rows) (lanes.get(row.workflowId) ?? lanes.set(row.workflowId, []).get(row.workflowId)!).push(row);
      const outcomes: Outcome[] = [];
      // Hand-off starts go first: a hot lead must not wait behind a backlog of nurture signals.
      const ordered = [...lanes.values()].sort((a, b) => Number(b[0]!.signal === START_HANDOFF_SLA) - Number(a[0]!.signal === START_HANDOFF_SLA));
      await forEachConcurrently(ordered, PARALLEL_WORKFLOWS, async (lane) => {
        for (const row of lane) {
          const outcome = await signal(client, settings, row);
          outcomes.push(outcome);
          // Temporal unreachable: later events of this lead must not overtake this one.
          if (!outcome.ok) break;
        }
      });
      const done = outcomes.filter((o) => o.ok);
      const closed = done.filter((o) => o.closed).map((o) => o.id);
      const open = done.filter((o) => !o.closed).map((o) => o.id);
      if (open.length) await tx.update(signalOutbox).set({ deliveredAt: new Date(), lastError: null }).where(inArray(signalOutbox.id, open));
      if (closed.length) await tx.update(signalOutbox).set({ deliveredAt: new Date(), lastError: 'run already closed' }).where(inArray(signalOutbox.id, closed));
      for (const failed of outcomes) {
        if (failed.ok) continue;
        await tx
          .update(signalOutbox)
          .set({ attempts: sql`${signalOutbox.attempts} + 1`, lastError: failed.error })
          .where(eq(signalOutbox.id, failed.id));
      }
      const started = [...new Set(done.map((o) => (o.ok ? o.workflowId : '')))];
      if (started.length) {
        await tx
          .update(journeyRuns)
          .set({ status: 'running', updatedAt: new Date() })
          .where(and(inArray(journeyRuns.workflowId, started), eq(journeyRuns.status, 'starting')));
      }
      return { claimed: rows.length, delivered: done.length };
    });
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
      const { claimed, delivered: n } = await deliverChunk(client, settings, undefined);
      delivered += n;
      if (claimed < CHUNK || n < claimed) return delivered;
    }
  }

  function start(intervalMs: number): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      if (stopped) return;
      running = running.then(() => deliver()).catch((err: unknown) => log('relay').error({ err }, 'outbox poll failed'));
    }, intervalMs);
    return async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    };
  }

  return { deliver, start };
}
