/** Brings up Leadflow's parts in order — Postgres, Temporal, mail sink, worker, Next.js — for dev, tests and bench. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedDatabase } from '@/db/seed';
import { ensureFirstAdmin, type FirstAdmin } from '@/server/services/users';
import { LEADFLOW_SEARCH_ATTRIBUTES } from '@/workflows/search-attributes';
import { buildWorkflowBundle, DEFAULT_BUNDLE_DIR, prebuiltWorkflowBundle } from '@/worker/workflow-bundle';
import { assertPortFree, freePort, waitForPort } from './ports';
import { startEmbeddedPostgres, type RunningPostgres } from './postgres';
import { createSupervisor, type Child, type Supervisor } from './supervisor';
import { appServerArgs, ensureTemporalBinaries, ROOT, TEMPORAL_CLI } from './tools';

/** The CLI's spelling of each type, for `--search-attribute Name=Type`. */
const CLI_TYPE = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' } as const;
export const SEARCH_ATTRIBUTES = LEADFLOW_SEARCH_ATTRIBUTES.map((key) => `${key.name}=${CLI_TYPE[key.type]}`);

/** What `npm start` and the test stack scrape /api/metrics with when METRICS_TOKEN is not set. */
export const DEV_METRICS_TOKEN = 'lf_metrics_dev_000000000000000000';

export interface StackOptions {
  /** Persistent data (dev) or a throwaway folder (tests). */
  dataDir: string;
  persistent: boolean;
  ports: { postgres: number; temporal: number; temporalUi: number; mailSink: number; app: number; workerMetrics: number };
  next: 'dev' | 'start' | 'none';
  worker: boolean;
  devApiKey: string;
  /** The first admin; without one, a one-time setup link is made (see Stack.firstAdmin). */
  admin?: { email: string; password: string };
  quiet?: boolean;
  log?: (line: string) => void;
  /** Each part's output is also written to `<logDir>/<part>.log` (the test command keeps them when a run fails). */
  logDir?: string;
  /** Temporal keeps its state in a file and Postgres keeps its folder, so `restart()` can bounce them mid-run (chaos); fsync stays as `persistent` says. */
  restartable?: boolean;
}

export interface Stack {
  env: Record<string, string>;
  urls: { app: string; temporalUi: string | null; mailSink: string | null; workerMetrics: string | null };
  firstAdmin: FirstAdmin;
  supervisor: Supervisor;
  /** Kills the Temporal dev server (SIGKILL) or shuts Postgres down (fast), then starts it again on the same port and data; needs `restartable`. */
  restart(part: 'temporal' | 'postgres'): Promise<void>;
  stop(): Promise<void>;
}

export async function defaultPorts(base?: Partial<StackOptions['ports']>): Promise<StackOptions['ports']> {
  return {
    postgres: base?.postgres ?? (await freePort()),
    temporal: base?.temporal ?? (await freePort()),
    temporalUi: base?.temporalUi ?? (await freePort()),
    mailSink: base?.mailSink ?? (await freePort()),
    app: base?.app ?? (await freePort()),
    workerMetrics: base?.workerMetrics ?? (await freePort()),
  };
}

async function step<T>(log: (l: string) => void, label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`… ${label}`);
  try {
    const value = await fn();
    log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return value;
  } catch (err) {
    throw new Error(`✗ ${label} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const supervisor = createSupervisor(opts.quiet ? () => {} : log, { logDir: opts.logDir });
  const childEnv: Record<string, string> = { ...(process.env as Record<string, string>) };
  let pg: RunningPostgres | null = null;
  const urls: Stack['urls'] = { app: `http://localhost:${opts.ports.app}`, temporalUi: null, mailSink: null, workerMetrics: null };

  let temporal: { child: Child; args: string[] } | null = null;
  const stop = async () => {
    await supervisor.stopAll();
    await pg?.stop();
  };
  const restart = async (part: 'temporal' | 'postgres') => {
    if (!opts.restartable && !opts.persistent) throw new Error(`restart(${part}) needs a restartable stack: its state would be lost`);
    if (part === 'postgres') {
      if (!pg) throw new Error('restart(postgres): this stack uses an external DATABASE_URL');
      await pg.restart();
      return;
    }
    if (!temporal) throw new Error('restart(temporal): this stack uses an external TEMPORAL_ADDRESS');
    process.kill(-temporal.child.proc.pid!, 'SIGKILL');
    await temporal.child.exited;
    temporal.child = supervisor.spawn('temporal', TEMPORAL_CLI, temporal.args, { quiet: opts.quiet });
    await waitForPort(opts.ports.temporal, 60_000);
  };

  try {
    await mkdir(opts.dataDir, { recursive: true });
    // Fail fast, naming the setting, rather than half-starting next to another running stack.
    if (!process.env.DATABASE_URL) await assertPortFree(opts.ports.postgres, 'EMBEDDED_PG_PORT');
    if (!process.env.TEMPORAL_ADDRESS) {
      await assertPortFree(opts.ports.temporal, 'TEMPORAL_PORT');
      await assertPortFree(opts.ports.temporalUi, 'TEMPORAL_UI_PORT');
    }
    if (!process.env.RESEND_API_KEY) await assertPortFree(opts.ports.mailSink, 'MAIL_SINK_PORT');
    if (opts.next !== 'none') await assertPortFree(opts.ports.app, 'PORT');
    await step(log, 'Temporal binaries', async () => ensureTemporalBinaries(log));

    if (!process.env.DATABASE_URL) {
      pg = await step(log, `Postgres (embedded, ${path.relative(ROOT, opts.dataDir) || opts.dataDir}/postgres, port ${opts.ports.postgres})`, () =>
        startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), port: opts.ports.postgres, persistent: opts.persistent, keepData: opts.restartable }),
      );
      childEnv.DATABASE_URL = pg.url;
    }
    const databaseUrl = childEnv.DATABASE_URL!;
    childEnv.APP_URL ??= urls.app;
    await step(log, 'database migrations', () => runMigrations(databaseUrl));
    let firstAdmin: FirstAdmin = { kind: 'exists' };
    await step(log, 'seed (scoring rules, default journey, sales owners, dev API key, first admin)', async () => {
      const { db, sql } = createDb(databaseUrl, 2);
      try {
        await seedDatabase(db, { devApiKey: opts.devApiKey });
        firstAdmin = await ensureFirstAdmin(db, { ...opts.admin, appUrl: childEnv.APP_URL! });
      } finally {
        await sql.end();
      }
    });

    if (!process.env.TEMPORAL_ADDRESS) {
      const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.ports.temporal), '--ui-port', String(opts.ports.temporalUi), '--log-level', 'warn'];
      // Left to itself the dev server binds random HTTP and metrics ports, which can take a port chosen above for another part.
      args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()));
      // WAL and synchronous=normal: every workflow task is a SQLite commit, and the default journal fsyncs each one.
      if (opts.persistent || opts.restartable) args.push('--db-filename', path.join(opts.dataDir, 'temporal.db'), '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
      for (const sa of SEARCH_ATTRIBUTES) args.push('--search-attribute', sa);
      await step(log, `Temporal dev server (gRPC ${opts.ports.temporal}, Web UI ${opts.ports.temporalUi})`, async () => {
        temporal = { child: supervisor.spawn('temporal', TEMPORAL_CLI, args, { quiet: opts.quiet }), args };
        await Promise.race([waitForPort(opts.ports.temporal, 60_000), supervisor.firstExit().then((c) => Promise.reject(new Error(`exited with ${c.code}`)))]);
        await waitForPort(opts.ports.temporalUi, 30_000);
      });
      childEnv.TEMPORAL_ADDRESS = `127.0.0.1:${opts.ports.temporal}`;
      childEnv.TEMPORAL_UI_URL = `http://localhost:${opts.ports.temporalUi}`;
      urls.temporalUi = childEnv.TEMPORAL_UI_URL;
    }

    childEnv.PORT = String(opts.ports.app);
    childEnv.NEXT_TELEMETRY_DISABLED = '1';
    childEnv.LEADFLOW_DEV_API_KEY = opts.devApiKey;
    childEnv.METRICS_TOKEN ??= DEV_METRICS_TOKEN;

    if (!process.env.RESEND_API_KEY) {
      await step(log, `mail sink (Resend-compatible, port ${opts.ports.mailSink})`, async () => {
        supervisor.spawn('mail-sink', process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/mail-sink/main.ts')], {
          env: { ...childEnv, MAIL_SINK_PORT: String(opts.ports.mailSink), LEADFLOW_WEBHOOK_URL: `${childEnv.APP_URL}/api/webhooks/resend` },
          quiet: opts.quiet,
        });
        await waitForPort(opts.ports.mailSink, 30_000);
      });
      childEnv.RESEND_API_KEY = 're_local_sink';
      childEnv.RESEND_BASE_URL = `http://127.0.0.1:${opts.ports.mailSink}`;
      urls.mailSink = childEnv.RESEND_BASE_URL;
    }

    if (opts.worker) {
      if (!process.env.WORKER_METRICS_ADDRESS) {
        await assertPortFree(opts.ports.workerMetrics, 'WORKER_METRICS_PORT');
        childEnv.WORKER_METRICS_ADDRESS = `127.0.0.1:${opts.ports.workerMetrics}`;
      }
      urls.workerMetrics = `http://${childEnv.WORKER_METRICS_ADDRESS}/metrics`;
      const bundleDir = childEnv.WORKFLOW_BUNDLE_DIR ? path.resolve(childEnv.WORKFLOW_BUNDLE_DIR) : DEFAULT_BUNDLE_DIR;
      if ((await prebuiltWorkflowBundle(bundleDir)).state !== 'fresh') {
        await step(log, `workflow bundle (built once for every worker, ${path.relative(ROOT, bundleDir)})`, () => buildWorkflowBundle(bundleDir));
      }
      await step(log, 'Temporal worker', async () => {
        // Production mode: React Email renders with React's production build, several times cheaper per email.
        supervisor.spawn('worker', process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')], { env: { ...childEnv, LEADFLOW_PROCESS: 'worker', NODE_ENV: 'production' }, quiet: opts.quiet });
        // Blasts render and send in a process of their own at lower CPU priority, off the hot lane's event loop.
        supervisor.spawn('bulk-worker', process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/bulk-main.ts')], { env: { ...childEnv, LEADFLOW_PROCESS: 'bulk-worker', NODE_ENV: 'production' }, quiet: opts.quiet });
      });
    }

    const mode = opts.next;
    if (mode !== 'none') {
      await step(log, `Next.js (${mode}) on port ${opts.ports.app}`, async () => {
        supervisor.spawn('next', process.execPath, appServerArgs(mode, opts.ports.app, '127.0.0.1'), {
          env: { ...childEnv, LEADFLOW_PROCESS: 'next', NODE_ENV: mode === 'dev' ? 'development' : 'production' },
          cwd: ROOT,
          quiet: opts.quiet,
        });
        await Promise.race([waitForPort(opts.ports.app, 120_000), supervisor.firstExit().then((c) => Promise.reject(new Error(`${c.name} exited with ${c.code}`)))]);
      });
    }
    return { env: childEnv, urls, firstAdmin, supervisor, restart, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
