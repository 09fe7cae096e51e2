/** What every chaos scenario shares: one stack on free ports, a database pool, a Temporal client, the relay, the worker (and the bulk worker), and helpers to count emails. */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Client, Connection } from '@temporalio/client';
import type { Db } from '@/db/client';
import { leads, messages } from '@/db/schema';
import type { SignalRelay } from '@/lib/outbox/signal-relay';
import type { captureLead as CaptureLead } from '@/lib/capture/capture-lead';
import { ROOT } from '../lib/tools';
import { defaultPorts, startStack, type Stack } from '../lib/stack';
import type { Child } from '../lib/supervisor';
import type { EmailCounts } from './table';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ChaosContext {
  stack: Stack;
  dataDir: string;
  db: Db;
  client: Client;
  connection: Connection;
  relay: SignalRelay;
  captureLead: typeof CaptureLead;
  /** The mail sink's base URL (its `/_sink/*` endpoints inject faults and list what it received). */
  sink: string;
  /** The worker is the chaos script's own child: scenarios kill it, or start it again with extra env (e.g. SLACK_WEBHOOK_URL). */
  worker: { current: Child; start(extraEnv?: Record<string, string>): Child; kill(signal?: NodeJS.Signals): Promise<void>; restart(extraEnv?: Record<string, string>): Promise<void> };
  /** Captures n leads (each enters the default journey, whose first step mails a cold lead) and delivers their outbox rows. */
  captureMany(n: number, tag: string): Promise<string[]>;
  /** Inserts n leads directly (no capture, so no journey starts): for scenarios that enrol them their own way. */
  insertLeads(n: number, tag: string): Promise<string[]>;
  /** Waits until every lead has a sent marketing email (or the deadline), then counts the sink's copies of each. */
  measureEmails(leadIds: string[], started: number, deadlineMs?: number): Promise<EmailCounts>;
  close(): Promise<void>;
}

export const DEADLINE_MS = Number(process.env.CHAOS_DEADLINE_MS ?? 180_000);

export async function createChaosContext(): Promise<ChaosContext> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leadflow-chaos-'));
  await chmod(dataDir, 0o755); // embedded Postgres runs as the postgres user when we are root: it must traverse this folder
  const stack = await startStack({ dataDir, persistent: false, restartable: true, ports: await defaultPorts(), next: 'none', worker: false, devApiKey: 'lf_dev_0000000000000000000000000000', quiet: true, logDir: path.join(dataDir, 'logs') });
  Object.assign(process.env, stack.env);
  // Imported after the stack's env is in place: these read DATABASE_URL, TEMPORAL_ADDRESS and RESEND_* once.
  const { createDb } = await import('@/db/client');
  const { createSignalRelay } = await import('@/lib/outbox/signal-relay');
  const { Client, Connection } = await import('@temporalio/client');
  const { leadflowDataConverter } = await import('@/lib/payload-codec');
  const { captureLead, newLeadRow } = await import('@/lib/capture/capture-lead');
  const { buildWorkflowBundle, DEFAULT_BUNDLE_DIR, prebuiltWorkflowBundle } = await import('@/worker/workflow-bundle');
  if ((await prebuiltWorkflowBundle(DEFAULT_BUNDLE_DIR)).state !== 'fresh') await buildWorkflowBundle(DEFAULT_BUNDLE_DIR);

  const spawnWorker = (extraEnv: Record<string, string> = {}) =>
    stack.supervisor.spawn('worker', process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')], { env: { ...stack.env, LEADFLOW_PROCESS: 'worker', NODE_ENV: 'production', ...extraEnv }, quiet: true });
  // Blasts run on the bulk queue in a process of their own, as in the test and bench stacks; no scenario stops it.
  stack.supervisor.spawn('bulk-worker', process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/bulk-main.ts')], { env: { ...stack.env, LEADFLOW_PROCESS: 'bulk-worker', NODE_ENV: 'production' }, quiet: true });
  const { db, sql } = createDb(stack.env.DATABASE_URL!, 5);
  const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS! });
  const client = new Client({ connection, dataConverter: leadflowDataConverter(process.env.LEADFLOW_PAYLOAD_KEY) });
  const relay = createSignalRelay({ db, client: async () => client, taskQueue: stack.env.TEMPORAL_TASK_QUEUE ?? 'leadflow', settings: async () => ({ maxEmailsPer24h: 3 }) });
  const sink = stack.urls.mailSink!;

  const worker: ChaosContext['worker'] = {
    current: spawnWorker(),
    start(extraEnv) {
      worker.current = spawnWorker(extraEnv);
      return worker.current;
    },
    async kill(signal = 'SIGKILL') {
      worker.current.proc.kill(signal);
      await worker.current.exited;
    },
    /** A graceful stop (SIGKILL after 20 s), then a new worker with the given extra env. */
    async restart(extraEnv) {
      const old = worker.current;
      old.proc.kill('SIGTERM');
      const timer = setTimeout(() => old.proc.kill('SIGKILL'), 20_000);
      await old.exited;
      clearTimeout(timer);
      worker.start(extraEnv);
    },
  };

  async function captureMany(n: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await captureLead(db, { email: `chaos-${tag}-${i}-${Date.now().toString(36)}@acme.test`, source: 'api', first_name: 'Lan', properties: {} });
      ids.push(res.leadId);
      void relay.deliver(res.outboxIds).catch(() => undefined);
    }
    return ids;
  }

  async function insertLeads(n: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    const stamp = Date.now().toString(36);
    for (let from = 0; from < n; from += 500) {
      const batch = Array.from({ length: Math.min(500, n - from) }, (_, i) => newLeadRow({ email: `chaos-${tag}-${from + i}-${stamp}@acme.test`, source: 'api', first_name: 'Lan', properties: {} }));
      ids.push(...(await db.insert(leads).values(batch).returning({ id: leads.id })).map((r) => r.id));
    }
    return ids;
  }

  async function measureEmails(leadIds: string[], started: number, deadlineMs = DEADLINE_MS): Promise<EmailCounts> {
    const sentRows = async () => (await db.select().from(messages).where(inArray(messages.leadId, leadIds))).filter((m) => m.kind === 'marketing' && (m.providerId || m.sentAt));
    while (Date.now() - started < deadlineMs && new Set((await sentRows()).map((m) => m.leadId)).size < leadIds.length) await sleep(2_000);
    const sent = await sentRows();
    const ids = new Set(sent.map((m) => m.id));
    const all = (await (await fetch(`${sink}/_sink/messages`)).json()) as { data: { tags?: { name: string; value: string }[] }[] };
    const copies = new Map<string, number>();
    for (const m of all.data) {
      const id = m.tags?.find((t) => t.name === 'message_id')?.value;
      if (id && ids.has(id)) copies.set(id, (copies.get(id) ?? 0) + 1);
    }
    const perLead = new Map<string, number>();
    for (const m of sent) perLead.set(m.leadId!, (perLead.get(m.leadId!) ?? 0) + 1);
    const duplicated = [...copies.values()].reduce((n, c) => n + (c - 1), 0) + [...perLead.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    return { expected: leadIds.length, sent: perLead.size, lost: leadIds.length - perLead.size, duplicated };
  }

  return {
    stack,
    dataDir,
    db,
    client,
    connection,
    relay,
    captureLead,
    sink,
    worker,
    captureMany,
    insertLeads,
    measureEmails,
    async close() {
      await connection.close().catch(() => undefined);
      await sql.end().catch(() => undefined);
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
