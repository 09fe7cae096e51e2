/** `npm run bench`: starts a throwaway Leadflow stack on free ports and prints throughput, latency, memory and canvas figures. */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { ensureNextBuild } from './bench/build';
import { measureBlast } from './bench/blast';
import { measureCanvas } from './bench/canvas';
import { measureCurve } from './bench/curve';
import { loadConfig } from './bench/config';
import { measurePostgresFloor, type PostgresFloor } from './bench/floor-postgres';
import { measureTemporalFloor, type TemporalFloor } from './bench/floor-temporal';
import { measureHandoff } from './bench/handoff';
import { createApi, waitHealthy } from './bench/http';
import { measureIngestion } from './bench/ingestion';
import { measureWorkerMemory } from './bench/memory';
import { measureReaction } from './bench/reaction';
import { Report, runSection } from './bench/report';
import { defaultPorts, startStack, type Stack } from './lib/stack';

const report = new Report();
const benchStarted = Date.now();
/** The canvas section drives the editor signed in as this admin, which the bench stack creates. */
const BENCH_ADMIN = { email: 'bench-admin@team.leadflow.test', password: `bench-${randomBytes(12).toString('hex')}` };

/** `npm run bench -- --only curve,handoff` runs just those sections, plus the memory section, whose leads the others use (`--only blast` needs none). */
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? new Set((process.argv[i + 1] ?? '').split(',').map((s) => s.trim())) : null;
})();
const section = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => (only && !only.has(name) ? null : runSection(report, name, fn));

async function runSections(stack: Stack): Promise<void> {
  const cfg = loadConfig();
  const app = stack.urls.app.replace('localhost', '127.0.0.1');
  const databaseUrl = stack.env.DATABASE_URL!;
  const temporalAddress = stack.env.TEMPORAL_ADDRESS!;
  const api = createApi(app, stack.env.LEADFLOW_DEV_API_KEY!);
  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  try {
    await waitHealthy(app);
    process.stdout.write(`\nStack up in ${((Date.now() - benchStarted) / 1000).toFixed(0)} s: app ${app}, Temporal ${temporalAddress}, mail sink ${stack.urls.mailSink}\n`);
    process.stdout.write(`Sizes: ${JSON.stringify(cfg)}\n`);
    // The box is shared: say how busy it was, since every figure below moves with it.
    process.stdout.write(`Load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n`);

    const pgFloor: PostgresFloor | null = await section('floors', () => measurePostgresFloor(databaseUrl, cfg, report));
    const temporalFloor: TemporalFloor | null = await section('floors', () => measureTemporalFloor(temporalAddress, cfg, report));
    process.stdout.write('\n(section 5 runs next: its leads, idle in their journeys, then receive the traffic of sections 2–4)\n');
    // Runs unless only the blast is asked for (it brings its own leads): its parked leads are the pool later sections use.
    const blastOnly = only !== null && [...only].every((s) => s === 'blast');
    const memory = blastOnly ? null : await runSection(report, 'memory', () => measureWorkerMemory(api, sql, cfg, report));
    const pool = memory?.leadIds ?? [];
    if (pool.length) {
      await section('ingestion', () => measureIngestion(api, sql, pool, cfg, pgFloor, report));
      await section('reaction', () => measureReaction(api, sql, client, pool, cfg, temporalFloor, report));
      const sink = stack.urls.mailSink;
      if (sink) await section('handoff', () => measureHandoff(api, sql, sink, pool, cfg, report));
      else report.add('handoff', 'skipped', 'RESEND_API_KEY set: no local mail sink');
      if (cfg.curveRates.length) await section('curve', () => measureCurve(api, sql, client, pool, cfg, temporalFloor, report));
    } else if (!blastOnly) report.add('ingestion', 'skipped', 'no captured leads');
    const mailSink = stack.urls.mailSink;
    if (mailSink) await section('blast', () => measureBlast(api, sql, client, stack.env.TEMPORAL_TASK_QUEUE ?? 'leadflow', mailSink, cfg, report));
    // The browser signs in: it must use APP_URL's own origin, the one better-auth trusts.
    await section('canvas', () => measureCanvas(sql, stack.urls.app, cfg, report, BENCH_ADMIN));
  } finally {
    await connection.close();
    await sql.end();
  }
}

async function main(): Promise<void> {
  await ensureNextBuild();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lfbench-'));
  await chmod(dataDir, 0o755); // embedded Postgres runs as the postgres user when we are root: it must traverse this folder
  let starting: Promise<Stack> | null = null;
  let stopping: Promise<void> | null = null;
  const cleanup = () =>
    (stopping ??= (async () => {
      // A Ctrl-C during start-up still has to reach the children startStack is spawning (they run in their own process groups).
      const stack = await starting?.catch(() => null);
      await stack?.stop();
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\n${signal}: stopping the bench stack …\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    starting = startStack({
      dataDir,
      persistent: false,
      ports: await defaultPorts(),
      next: 'start',
      worker: true,
      devApiKey: `lf_bench_${randomBytes(16).toString('hex')}`,
      admin: BENCH_ADMIN,
      quiet: true,
      log: (line) => process.stdout.write(`   ${line}\n`),
    });
    await runSections(await starting);
    report.print();
    process.stdout.write(`Total bench time ${((Date.now() - benchStarted) / 1000).toFixed(0)} s on ${os.cpus().length} cores (load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  } finally {
    await cleanup();
  }
}

// `npm run bench -- --cluster`: the knee with one worker and with two on the real Temporal cluster (scripts/bench/cluster.ts).
const entry = process.argv.includes('--cluster') ? () => import('./bench/cluster').then((m) => m.benchCluster()) : main;
entry().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
