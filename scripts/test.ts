/** `npm test`: lint + typecheck, unit and workflow tests, then integration and Playwright tests against a full stack on free ports. */
import { mkdtemp, readFile, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runMigrations } from '@/db/migrate';
import { startWebhookReceiver, type WebhookReceiver } from './fakes/webhook-receiver';
import { ensureChromium } from './lib/chromium';
import { scaleOut, startClusterInfra, TEMPORAL_SERVER_VERSION } from './lib/cluster';
import { keepLogs } from './lib/logs';
import { createSupervisor } from './lib/supervisor';
import { freePort } from './lib/ports';
import { startEmbeddedPostgres } from './lib/postgres';
import { run } from './lib/run';
import { defaultPorts, startStack, type Stack } from './lib/stack';
import { ensureTemporalBinaries, ROOT } from './lib/tools';

const TEST_API_KEY = 'lf_test_key_0123456789abcdef012345';
// The stack makes this admin; Playwright's global setup signs in as it and the specs run as it by default.
const TEST_ADMIN = { email: 'admin@team.leadflow.test', password: `admin-${Math.random().toString(36).slice(2)}-pw` };
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const args = process.argv.slice(2);
// `npm test -- e2e e2e/leads.spec.ts` runs only that spec (same for integration *.test.ts files).
const specs = args.filter((a) => a.endsWith('.spec.ts'));
const integrationFiles = args.filter((a) => a.startsWith('tests/integration/'));
// `--cluster`: the stack runs on a real Temporal server (Go, Postgres persistence) with two workers and two Next processes.
const cluster = args.includes('--cluster');
const only = args.filter((a) => !specs.includes(a) && !integrationFiles.includes(a) && a !== '--cluster');

type Tally = { passed: number; failed: number; skipped: number };
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };

async function addVitest(file: string): Promise<void> {
  const report = JSON.parse(await readFile(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests;
  tally.skipped += report.numPendingTests + report.numTodoTests;
}

async function addPlaywright(file: string): Promise<void> {
  const report = JSON.parse(await readFile(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  tally.passed += report.stats.expected + report.stats.flaky;
  tally.failed += report.stats.unexpected;
  tally.skipped += report.stats.skipped;
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'leadflow-test-'));
  await chmod(tmp, 0o755); // the postgres user must traverse it
  let stack: Stack | null = null;
  let hooks: WebhookReceiver | null = null;
  let pg: { stop(): Promise<void> } | null = null;
  let infra: { stop(): Promise<void> } | null = null;
  let front: { close(): Promise<void> } | null = null;
  const started = Date.now();
  const logDir = path.join(tmp, 'logs');
  let crashed = false;
  try {
    const wants = (part: string) => only.length === 0 || only.includes(part);
    if (wants('check')) {
      console.log('\n== lint + typecheck');
      await run('npm', ['run', '--silent', 'check']);
    }
    ensureTemporalBinaries();

    if (wants('unit')) {
      console.log('\n== unit, router and workflow tests (real Postgres, Temporal time-skipping server)');
      const port = await freePort();
      const db = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'unit-pg'), port, persistent: false });
      pg = db;
      await runMigrations(db.url);
      const out = path.join(tmp, 'vitest-unit.json');
      await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
        env: { ...process.env, TEST_DATABASE_URL: db.url },
      }).finally(() => addVitest(out).catch(() => {}));
      await db.stop();
      pg = null;
    }

    if (wants('integration') || wants('e2e')) {
      await ensureChromium();
      console.log('\n== next build');
      await run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
      // Slack and the CRM are outside this machine: a local receiver speaks their wire protocol.
      hooks = await startWebhookReceiver();
      process.env.SLACK_WEBHOOK_URL = `${hooks.url}/slack/T000/B000/leadflow`;
      process.env.CRM_WEBHOOK_URL = `${hooks.url}/crm/tasks`;
      // Outbound calls reach only public https addresses; the local receiver is the one explicit exception.
      process.env.OUTBOUND_ALLOW_ORIGINS = hooks.url;
      const infraSupervisor = createSupervisor(() => {}, { logDir });
      if (cluster) {
        console.log(`\n== Temporal cluster: server ${TEMPORAL_SERVER_VERSION} built from the Go module proxy, Postgres persistence`);
        const c = await startClusterInfra(path.join(tmp, 'cluster'), infraSupervisor, (l) => console.log(l));
        infra = { stop: async () => (await infraSupervisor.stopAll(), await c.stop()) };
        process.env.DATABASE_URL = c.databaseUrl;
        process.env.TEMPORAL_ADDRESS = c.temporalAddress;
        // Every worker, Next process and test reaches the mTLS-only frontend through Leadflow's own TLS settings.
        Object.assign(process.env, c.tlsEnv);
      }
      const frontPort = await freePort();
      if (cluster) {
        process.env.APP_URL = `http://127.0.0.1:${frontPort}`;
        // The round-robin front is a proxy of ours that appends the client's address, as a load balancer does.
        process.env.TRUST_PROXY = '1';
      }
      console.log('\n== full stack on free ports (Postgres, Temporal dev server, mail sink, worker, Next)');
      stack = await startStack({
        dataDir: path.join(tmp, 'stack'),
        persistent: false,
        ports: await defaultPorts(),
        next: 'start',
        worker: true,
        devApiKey: TEST_API_KEY,
        admin: TEST_ADMIN,
        quiet: !process.env.LEADFLOW_TEST_VERBOSE,
        logDir,
      });
      let appUrl = stack.urls.app;
      if (cluster) {
        const scaled = await scaleOut(stack, frontPort);
        front = scaled.front;
        appUrl = scaled.front.url;
        console.log(`✓ second worker and second Next process; tests go through a round-robin front at ${appUrl}`);
      }
      const env = { ...stack.env, LEADFLOW_TEST_APP_URL: appUrl, LEADFLOW_TEST_API_KEY: TEST_API_KEY, LEADFLOW_TEST_MAIL_SINK: stack.urls.mailSink ?? '', LEADFLOW_TEST_WEBHOOKS: hooks.url, LEADFLOW_TEST_ADMIN_EMAIL: TEST_ADMIN.email, LEADFLOW_TEST_ADMIN_PASSWORD: TEST_ADMIN.password, LEADFLOW_TEST_WORKER_METRICS: stack.urls.workerMetrics ?? '', LEADFLOW_API_CALLS: path.join(tmp, 'api-calls.jsonl') };
      if (wants('integration')) {
        console.log('\n== integration tests (HTTP API, real Postgres + Temporal + worker + mail sink)');
        const out = path.join(tmp, 'vitest-integration.json');
        await run(bin('vitest'), ['run', '--config', 'vitest.integration.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...integrationFiles], { env }).finally(() =>
          addVitest(out).catch(() => {}),
        );
      }
      if (wants('e2e')) {
        console.log('\n== end-to-end tests (Playwright, Debian chromium)');
        const out = path.join(tmp, 'playwright.json');
        await run(bin('playwright'), ['test', ...specs], { env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out } }).finally(() => addPlaywright(out).catch(() => {}));
      }
    }
  } catch (err) {
    crashed = true;
    throw err;
  } finally {
    await front?.close();
    await stack?.stop();
    await infra?.stop();
    await hooks?.close();
    await pg?.stop();
    if ((crashed || tally.failed > 0) && stack) console.log(`\nstack logs of this failed run: ${await keepLogs(logDir)}`);
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    console.log(`\nleadflow tests finished in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
