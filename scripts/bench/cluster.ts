/**
 * `npm run bench -- --cluster`: the latency-vs-load curve (curve.ts) on the real Temporal cluster (scripts/lib/cluster.ts),
 * once with one worker process and once with two, their knees side by side next to the no-op floor of the same run.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { addNextBehindFront, addWorker, startClusterInfra, TEMPORAL_SERVER_VERSION, type ClusterInfra } from '../lib/cluster';
import { freePort } from '../lib/ports';
import { defaultPorts, startStack, type Stack } from '../lib/stack';
import { createSupervisor } from '../lib/supervisor';
import { ensureNextBuild } from './build';
import { loadConfig, type BenchConfig } from './config';
import { measureCurve, type CurveResult, type StepResult } from './curve';
import { measureTemporalFloor, type TemporalFloor } from './floor-temporal';
import { createApi, pollUntil, waitHealthy } from './http';
import { measureWorkerMemory } from './memory';
import { Report, runSection } from './report';
import { ms, note, printTable } from './stats';

const log = (line: string) => process.stdout.write(`   ${line}\n`);

/** Distinct worker identities polling the journey task queue: a new worker counts only once Temporal hands it tasks. */
async function waitForPollers(client: Client, namespace: string, taskQueue: string, want: number): Promise<number> {
  let seen = 0;
  await pollUntil(
    async () => {
      const res = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue, kind: 1 }, taskQueueType: 1 });
      seen = new Set((res.pollers ?? []).map((p) => p.identity)).size;
      return seen >= want ? true : null;
    },
    60_000,
    500,
  );
  return seen;
}

const knee = (rate: number) => (rate ? `${rate} ev/s` : 'below the first step');
const pair = (r: StepResult | undefined, pick: 'react' | 'hot') => (r ? `${ms(r[pick].p50)} / ${ms(r[pick].p99)}` : 'n/a');

/** Cores the worker processes themselves kept busy at a step: the stack's busy cores times the workers' share of its CPU. */
const workerCores = (r: StepResult) => (r.cpuTotal > 0 ? (r.coresBusy * r.cpu.worker) / r.cpuTotal : Number.NaN);

/** Says, from this run's own figures, why a second worker did or did not move the knee. */
function explain(one: CurveResult, two: CurveResult, cfg: BenchConfig): string {
  const cores = os.cpus().length;
  const load = os.loadavg()[0]!;
  const top = (c: CurveResult) => c.steps[c.steps.length - 1]!;
  const [a, b] = [top(one), top(two)];
  const raised = two.reactKnee > one.reactKnee || two.hotKnee > one.hotKnee;
  const lowered = two.reactKnee < one.reactKnee || two.hotKnee < one.hotKnee;
  const verdict = raised && !lowered ? 'raised the knee' : lowered && !raised ? 'lowered the knee' : raised ? 'moved the two knees apart' : 'did not move the knee';
  const used =
    `At ${a.target} ev/s (achieved ${a.achieved.toFixed(1)} / ${b.achieved.toFixed(1)} ev/s) the stack kept ${a.coresBusy.toFixed(2)} cores busy with one worker, the worker ${workerCores(a).toFixed(2)} of them, ` +
    `and ${b.coresBusy.toFixed(2)} with two, the workers ${workerCores(b).toFixed(2)}; this box has ${cores} cores for everything (load average ${load.toFixed(2)}).`;
  const cause =
    workerCores(a) < 0.5
      ? ' One worker was far from CPU-bound (a Node process can use one core), so a second had no work to take over: most of each event ends in Next and Postgres (a parked journey absorbs an event that cannot move it without waking its workflow: see the history events per event above), and the probes wait on the shared cores, not on a worker.'
      : a.coresBusy > cores * 0.75 || load >= cores
        ? ' The box is at its CPU limit, so a second worker process only splits the same cores; it raises the knee where each worker has cores of its own.'
        : ' The worker was busy and the box had cores to spare: that is where a second worker pays.';
  return `why: a second worker ${verdict}. ${used}${cause} With ${cfg.curveSamples} samples a step, p99 is the slowest sample: a one-step move of the knee is within this run's noise.`;
}

function printKnees(one: CurveResult | null, two: CurveResult | null, floor: TemporalFloor | null, cfg: BenchConfig, report: Report): void {
  const row = (target: number) => {
    const a = one?.steps.find((s) => s.target === target);
    const b = two?.steps.find((s) => s.target === target);
    const busy = (r: StepResult | undefined) => (r ? `${r.coresBusy.toFixed(2)} (workers ${workerCores(r).toFixed(2)})` : 'n/a');
    const achieved = (r: StepResult | undefined) => (r ? r.achieved.toFixed(1) : 'n/a');
    return [`${target} ev/s (${achieved(a)} / ${achieved(b)})`, pair(a, 'react'), pair(b, 'react'), pair(a, 'hot'), pair(b, 'hot'), busy(a), busy(b)];
  };
  printTable(
    `8. Knee with one worker process and with two (Temporal ${TEMPORAL_SERVER_VERSION} on Postgres, two Next processes behind a round-robin front; p50 / p99)`,
    ['target (achieved 1 / 2)', 'reaction, 1 worker', 'reaction, 2 workers', 'hot → notified, 1 worker', 'hot → notified, 2 workers', 'cores busy, 1 worker', 'cores busy, 2 workers'],
    cfg.curveRates.map(row),
  );
  note(`knee (highest step with p99 < 1 s), event → reaction: 1 worker ${one ? knee(one.reactKnee) : 'n/a'}, 2 workers ${two ? knee(two.reactKnee) : 'n/a'}`);
  note(`knee (highest step with p99 < 1 s), hot → notified:  1 worker ${one ? knee(one.hotKnee) : 'n/a'}, 2 workers ${two ? knee(two.hotKnee) : 'n/a'}`);
  note(`Temporal no-op floor in this run (same cluster): signal-with-start ${floor ? `${floor.signalWithStartPerSec.toFixed(0)} wf/s` : 'n/a'}, signal → query p50 ${ms(floor?.signalToQuery.p50 ?? Number.NaN)} / p99 ${ms(floor?.signalToQuery.p99 ?? Number.NaN)}`);
  note('the two-worker curve runs second, on the same database and cluster, with its own fresh probe leads');
  if (!one || !two) return;
  note(explain(one, two, cfg));
  report.add('cluster knees', 'event → reaction', `1 worker ${knee(one.reactKnee)}, 2 workers ${knee(two.reactKnee)}`);
  report.add('cluster knees', 'hot → notified', `1 worker ${knee(one.hotKnee)}, 2 workers ${knee(two.hotKnee)}`);
  const top = (c: CurveResult) => c.steps[c.steps.length - 1]!;
  report.add('cluster knees', `cores busy at ${top(one).target} ev/s`, `1 worker ${top(one).coresBusy.toFixed(2)}, 2 workers ${top(two).coresBusy.toFixed(2)} of ${os.cpus().length}`);
}

export async function benchCluster(): Promise<void> {
  const started = Date.now();
  const report = new Report();
  const section = <T>(name: string, fn: () => Promise<T>) => runSection(report, name, fn);
  const cfg = loadConfig();
  await ensureNextBuild();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lfbench-cluster-'));
  await chmod(dir, 0o755); // embedded Postgres runs as the postgres user when we are root: it must traverse this folder
  const infraSupervisor = createSupervisor(() => {}, { logDir: path.join(dir, 'logs') });
  let infra: ClusterInfra | null = null;
  let stack: Stack | null = null;
  let front: { close(): Promise<void> } | null = null;
  let stopping: Promise<void> | null = null;
  const cleanup = () =>
    (stopping ??= (async () => {
      await front?.close();
      await stack?.stop();
      await infraSupervisor.stopAll();
      await infra?.stop();
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\n${signal}: stopping the cluster …\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    process.stdout.write(`== Temporal cluster: server ${TEMPORAL_SERVER_VERSION} built from the Go module proxy, Postgres persistence\n`);
    infra = await startClusterInfra(path.join(dir, 'cluster'), infraSupervisor, log);
    process.env.DATABASE_URL = infra.databaseUrl;
    process.env.TEMPORAL_ADDRESS = infra.temporalAddress;
    Object.assign(process.env, infra.tlsEnv); // the frontend speaks mTLS only: every process uses Leadflow's TLS settings
    const temporal = temporalConnectionOptions({ TEMPORAL_ADDRESS: infra.temporalAddress, ...infra.tlsEnv });
    const frontPort = await freePort();
    process.env.APP_URL = `http://127.0.0.1:${frontPort}`;
    const devApiKey = `lf_bench_${randomBytes(16).toString('hex')}`;
    stack = await startStack({ dataDir: path.join(dir, 'stack'), persistent: false, ports: await defaultPorts(), next: 'start', worker: true, devApiKey, quiet: true, log, logDir: path.join(dir, 'logs') });
    const running = stack;
    const app = await addNextBehindFront(running, frontPort);
    front = app;
    await waitHealthy(app.url);

    const namespace = running.env.TEMPORAL_NAMESPACE ?? 'default';
    const taskQueue = running.env.TEMPORAL_TASK_QUEUE ?? 'leadflow';
    const api = createApi(app.url, devApiKey);
    const sql = postgres(infra.databaseUrl, { max: 4, onnotice: () => {} });
    const connection = await Connection.connect(temporal);
    const client = new Client({ connection, namespace });
    try {
      process.stdout.write(`\nCluster up in ${((Date.now() - started) / 1000).toFixed(0)} s: front ${app.url}, Temporal ${infra.temporalAddress}\n`);
      process.stdout.write(`Sizes: ${JSON.stringify(cfg)}\n`);
      process.stdout.write(`Load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n`);
      const floor = await section('floors', () => measureTemporalFloor(temporal, cfg, report));
      const pool = (await section('memory', () => measureWorkerMemory(api, sql, cfg, report)))?.leadIds ?? [];
      if (!pool.length) throw new Error('no background leads captured: nothing to measure the curve with');

      process.stdout.write(`\n-- pass 1: one worker process (${await waitForPollers(client, namespace, taskQueue, 1)} polling ${taskQueue})\n`);
      const one = await section('curve, one worker', () => measureCurve(api, sql, client, pool, cfg, floor, report, 'one worker'));
      await addWorker(running, 'worker-2');
      const pollers = await waitForPollers(client, namespace, taskQueue, 2);
      process.stdout.write(`\n-- pass 2: two worker processes (${pollers} polling ${taskQueue})\n`);
      if (pollers < 2) note('the second worker was not seen polling within 60 s: the two-worker figures may be one worker’s');
      const two = await section('curve, two workers', () => measureCurve(api, sql, client, pool, cfg, floor, report, 'two workers'));
      printKnees(one, two, floor, cfg, report);
    } finally {
      await connection.close();
      await sql.end();
    }
    report.print();
    process.stdout.write(`Total cluster bench time ${((Date.now() - started) / 1000).toFixed(0)} s on ${os.cpus().length} cores (load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  } finally {
    await cleanup();
  }
}
