/** Delivers outbox rows to Temporal with signal-with-start; a row is marked delivered only after Temporal accepted it. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '@/db/client';
import { journeyRuns, journeyVersions, signalOutbox } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import type { JourneySettings, JourneyWorkflowInput, LeadEventSignal } from '@/workflows/types';

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

  async function deliver(ids?: number[]): Promise<number> {
    if (ids && ids.length === 0) return 0;
    const client = await deps.client();
    const settings = await deps.settings();
    return deps.db.transaction(async (tx) => {
      // SKIP LOCKED lets the API's fast path and the worker's poller share the table without double work.
      const rows = await tx
        .select()
        .from(signalOutbox)
        .where(and(isNull(signalOutbox.deliveredAt), ids ? inArray(signalOutbox.id, ids) : undefined))
        .orderBy(asc(signalOutbox.id))
        .limit(500)
        .for('update', { skipLocked: true });
      let delivered = 0;
      for (const row of rows) {
        const input: JourneyWorkflowInput = {
          version: 1,
          leadId: row.leadId,
          journeyId: row.journeyId,
          journeyVersion: row.journeyVersion,
          definition: await definitionFor(row.journeyId, row.journeyVersion),
          settings,
        };
        let outcome: string | null = null;
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
        } catch (err) {
          if (err instanceof WorkflowExecutionAlreadyStartedError) outcome = 'run already closed';
          else {
            await tx
              .update(signalOutbox)
              .set({ attempts: sql`${signalOutbox.attempts} + 1`, lastError: String(err).slice(0, 500) })
              .where(eq(signalOutbox.id, row.id));
            // Temporal unreachable: stop here so later events of a lead never overtake earlier ones.
            break;
          }
        }
        await tx.update(signalOutbox).set({ deliveredAt: new Date(), lastError: outcome }).where(eq(signalOutbox.id, row.id));
        await tx
          .update(journeyRuns)
          .set({ status: outcome ? 'completed' : 'running', updatedAt: new Date() })
          .where(and(eq(journeyRuns.workflowId, row.workflowId), eq(journeyRuns.status, 'starting')));
        delivered++;
      }
      return delivered;
    });
  }

  function start(intervalMs: number): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      if (stopped) return;
      running = running.then(() => deliver()).catch((err: unknown) => console.error('[relay]', err));
    }, intervalMs);
    return async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    };
  }

  return { deliver, start };
}
