/** Temporal floor: signal-with-start rate and latency, and signal → query visibility, on a no-op workflow and our own worker. */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { BenchConfig } from './config';
import { firstError, pollUntil, runPool } from './http';
import type { benchNoopWorkflow } from './noop-workflow';
import { POKE_SIGNAL, POKES_QUERY } from './noop-workflow';
import type { TemporalConnectionOptions } from '@/lib/temporal-connection';
import type { Report } from './report';
import { ms, perSecond, printTable, summarize, type Summary } from './stats';

export interface TemporalFloor {
  signalWithStartPerSec: number;
  signalWithStart: Summary;
  signalToQuery: Summary;
}

const TASK_QUEUE = 'bench-noop';
const WORKFLOWS_PATH = fileURLToPath(new URL('./noop-workflow.ts', import.meta.url));

/** The SDK logs every bundle and state change at INFO to stderr; the bench's output is its tables. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed (the Runtime is per process): keep it.
  }
}

/** `temporal`: an address, or connection options with TLS (the cluster bench). */
export async function measureTemporalFloor(temporal: string | TemporalConnectionOptions, cfg: BenchConfig, report: Report): Promise<TemporalFloor> {
  quietRuntime();
  const options = typeof temporal === 'string' ? { address: temporal } : temporal;
  const nativeConnection = await NativeConnection.connect(options);
  const connection = await Connection.connect(options);
  const client = new Client({ connection });
  const worker = await Worker.create({ connection: nativeConnection, taskQueue: TASK_QUEUE, workflowsPath: WORKFLOWS_PATH });
  const runId = Date.now().toString(36);
  try {
    return await worker.runUntil(async () => {
      // target 1: the signal in the signal-with-start completes the workflow, so nothing lingers.
      const sws = await runPool(cfg.temporalSignalWithStarts, cfg.concurrency, cfg.loopTimeoutMs, async (i) => {
        const started = performance.now();
        await client.workflow.signalWithStart<typeof benchNoopWorkflow, []>('benchNoopWorkflow', {
          workflowId: `bench-noop-${runId}-${i}`,
          taskQueue: TASK_QUEUE,
          args: [1],
          signal: POKE_SIGNAL,
          signalArgs: [],
        });
        return performance.now() - started;
      });
      const signalWithStartPerSec = (sws.results.length / sws.elapsedMs) * 1000;

      // The same path the journey reaction takes minus Leadflow: signal, then poll the query every 10 ms.
      const lanes = 4;
      const handles = await Promise.all(
        Array.from({ length: lanes }, (_, i) =>
          client.workflow.start<typeof benchNoopWorkflow>('benchNoopWorkflow', { workflowId: `bench-noop-${runId}-q${i}`, taskQueue: TASK_QUEUE, args: [1_000_000] }),
        ),
      );
      const visible = await runPool(cfg.temporalSignalSamples, lanes, cfg.loopTimeoutMs, async (i) => {
        const handle = handles[i % lanes]!;
        const before = await handle.query<number>(POKES_QUERY);
        const started = performance.now();
        await handle.signal(POKE_SIGNAL);
        const seen = await pollUntil(async () => ((await handle.query<number>(POKES_QUERY)) > before ? true : null), 10_000, 10);
        if (!seen) throw new Error('signal not visible within 10 s');
        return performance.now() - started;
      });
      await Promise.all(handles.map((h) => h.terminate('bench done').catch(() => undefined)));

      const swsSummary = summarize(sws.results);
      const visibleSummary = summarize(visible.results);
      printTable('1b. Floor: Temporal no-op workflow (own in-process worker, task queue bench-noop)', ['measure', 'rate', 'p50', 'p99', 'samples'], [
        ['signal-with-start', perSecond(signalWithStartPerSec, ' wf/s'), ms(swsSummary.p50), ms(swsSummary.p99), `${swsSummary.n}, ${cfg.concurrency} lanes${firstError(sws.errors)}`],
        ['signal → query shows it', '', ms(visibleSummary.p50), ms(visibleSummary.p99), `${visibleSummary.n}, poll 10 ms${firstError(visible.errors)}`],
      ]);
      report.add('floors', 'temporal signal-with-start', `${perSecond(signalWithStartPerSec, ' wf/s')} (p50 ${ms(swsSummary.p50)}, p99 ${ms(swsSummary.p99)})`);
      report.add('floors', 'temporal signal → query', `p50 ${ms(visibleSummary.p50)}, p99 ${ms(visibleSummary.p99)}`);
      return { signalWithStartPerSec, signalWithStart: swsSummary, signalToQuery: visibleSummary };
    });
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}
