/** `npm run start:prod` from a checkout with a Next build but no workflow bundle: it builds the bundle, its production worker loads it, and the app serves. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { createApiKey } from '@/server/services/api-keys';
import { freePort } from '@/scripts/lib/ports';
import { eventually, temporalClient, uniqueEmail } from './support';

const ROOT = process.cwd();
const stackUrl = process.env.DATABASE_URL;
const dbName = `leadflow_prod_start_${crypto.randomUUID().slice(0, 8)}`;
let tmp: string;
let prod: ChildProcess | null = null;
let output = '';

beforeAll(async () => {
  if (!stackUrl) throw new Error('DATABASE_URL missing: run through npm test');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'leadflow-prod-start-'));
  const admin = postgres(stackUrl, { max: 1 });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
});

afterAll(async () => {
  if (prod?.exitCode === null) {
    const exited = new Promise((r) => prod!.once('exit', r));
    process.kill(-prod.pid!, 'SIGTERM');
    await exited;
  }
  const admin = postgres(stackUrl!, { max: 1 });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  await rm(tmp, { recursive: true, force: true });
});

it('a fresh production start builds the workflow bundle first, and its worker runs a captured lead’s journey from it', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const app = `http://127.0.0.1:${port}`;
  const bundleDir = path.join(tmp, 'bundle');
  const url = new URL(stackUrl!);
  url.pathname = `/${dbName}`;
  const taskQueue = `prod-start-${crypto.randomUUID().slice(0, 8)}`;
  // Same Temporal server and mail sink as the stack, its own database, task queue, port and (missing) bundle folder.
  const env: Record<string, string> = {
    ...Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string' && !/^(LEADFLOW_|WORKER_METRICS)/.test(e[0]))),
    DATABASE_URL: url.toString(),
    TEMPORAL_TASK_QUEUE: taskQueue,
    APP_URL: app,
    PORT: String(port),
    WORKFLOW_BUNDLE_DIR: bundleDir,
    LEADFLOW_SECRET: 'p'.repeat(48),
    WEBHOOK_SIGNING_SECRET: 'w'.repeat(40),
    RESEND_WEBHOOK_SECRET: 'whsec_cHJvZHVjdGlvbi1zdGFydC10ZXN0',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/prod.ts')], { cwd: ROOT, env: env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  prod = child;
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  const health = await Promise.race([
    eventually(
      async () => {
        const res = await fetch(`${app}/api/health`).catch(() => null);
        return res?.status === 200 ? ((await res.json()) as Record<string, string>) : null;
      },
      180_000,
      'the production app and worker to be up',
    ),
    exited.then((code) => Promise.reject(new Error(`start:prod exited with ${code}:\n${output}`))),
  ]);
  expect(health).toMatchObject({ status: 'ok', database: 'up', temporal: 'up', worker: 'up' });
  expect(output).toContain('Workflow bundle missing: running build:workflows');
  expect(existsSync(path.join(bundleDir, 'bundle.js'))).toBe(true);
  expect(JSON.parse(await readFile(path.join(bundleDir, 'manifest.json'), 'utf8'))).toHaveProperty('sourceHash');
  expect(output).not.toMatch(/missing or stale: bundling in this process/);

  // The production app takes a lead; the production worker runs its journey (workflow tasks completed from the bundle).
  const { db, sql } = createDb(url.toString(), 2);
  const { key } = await createApiKey(db, { name: 'prod-start test', scopes: ['ingest', 'read'], createdBy: null }).finally(() => sql.end());
  const captured = await fetch(`${app}/api/leads`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ email: uniqueEmail('prod'), source: 'website' }) });
  expect(captured.status).toBe(201);
  const { id } = (await captured.json()) as { id: string };
  const run = await eventually(async () => {
    const res = await fetch(`${app}/api/leads/${id}`, { headers: { authorization: `Bearer ${key}` } });
    const lead = (await res.json()) as { journey_runs: { workflow_id: string }[] };
    return lead.journey_runs[0];
  }, 60_000, 'the journey run');
  const temporal = await temporalClient();
  try {
    await eventually(async () => {
      const history = await temporal.client.workflow.getHandle(run.workflow_id).fetchHistory();
      return history.events?.some((e) => e.workflowTaskCompletedEventAttributes) ?? false;
    }, 60_000, 'a completed workflow task on the production worker');
  } finally {
    await temporal.close();
  }
});
