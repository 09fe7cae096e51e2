/**
 * `npm run chaos`: starts its own stack on free ports, drives real leads through the default journey while injecting
 * faults, and prints what was lost or sent twice. Implemented: F1 (kill -9 the worker mid-send, start it again) and
 * F3 (the mail sink answers 30 % of sends with 429, 500 or a 10 s stall). Exits non-zero when anything was lost or duplicated.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { messages } from '@/db/schema';
import { ROOT } from '../lib/tools';
import { defaultPorts, startStack, type Stack } from '../lib/stack';

const LEADS = { F1: Number(process.env.CHAOS_F1_LEADS ?? 200), F3: Number(process.env.CHAOS_F3_LEADS ?? 100) };
const DEADLINE_MS = Number(process.env.CHAOS_DEADLINE_MS ?? 180_000);

interface Row { scenario: string; expected: number; sent: number; lost: number; duplicated: number; seconds: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leadflow-chaos-'));
  await chmod(dataDir, 0o755); // embedded Postgres runs as the postgres user when we are root: it must traverse this folder
  const stack: Stack = await startStack({ dataDir, persistent: false, ports: await defaultPorts(), next: 'none', worker: false, devApiKey: 'lf_dev_0000000000000000000000000000', quiet: true, logDir: path.join(dataDir, 'logs') });
  Object.assign(process.env, stack.env);
  // Imported after the stack's env is in place: these read DATABASE_URL, TEMPORAL_ADDRESS and RESEND_* once.
  const { createDb } = await import('@/db/client');
  const { createSignalRelay } = await import('@/server/services/signal-relay');
  const { Client, Connection } = await import('@temporalio/client');
  const { leadflowDataConverter } = await import('@/lib/payload-codec');
  const { captureLead } = await import('@/server/services/capture-lead');
  const { buildWorkflowBundle, DEFAULT_BUNDLE_DIR, prebuiltWorkflowBundle } = await import('@/worker/workflow-bundle');
  if ((await prebuiltWorkflowBundle(DEFAULT_BUNDLE_DIR)).state !== 'fresh') await buildWorkflowBundle(DEFAULT_BUNDLE_DIR);

  const spawnWorker = () =>
    stack.supervisor.spawn('worker', process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')], { env: { ...stack.env, LEADFLOW_PROCESS: 'worker', NODE_ENV: 'production' }, quiet: true });
  let worker = spawnWorker();
  const { db, sql } = createDb(stack.env.DATABASE_URL!, 5);
  const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS! });
  const client = new Client({ connection, dataConverter: leadflowDataConverter(process.env.LEADFLOW_PAYLOAD_KEY) });
  const relay = createSignalRelay({ db, client: async () => client, taskQueue: stack.env.TEMPORAL_TASK_QUEUE ?? 'leadflow', settings: async () => ({ maxEmailsPer24h: 3 }) });
  const sink = stack.urls.mailSink!;
  const rows: Row[] = [];

  /** Captures n leads (each enters the default journey, whose first step mails a cold lead) and delivers their outbox rows. */
  async function captureMany(n: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await captureLead(db, { email: `chaos-${tag}-${i}-${Date.now().toString(36)}@acme.test`, source: 'api', first_name: 'Lan', properties: {} });
      ids.push(res.leadId);
      void relay.deliver(res.outboxIds).catch(() => undefined);
    }
    return ids;
  }

  /** Every lead mailed once: waits until each has a sent row (or the deadline), then counts the sink's copies per row. */
  async function measure(scenario: string, leadIds: string[], started: number): Promise<void> {
    const sentRows = async () => (await db.select().from(messages).where(inArray(messages.leadId, leadIds))).filter((m) => m.kind === 'marketing' && (m.providerId || m.sentAt));
    while (Date.now() - started < DEADLINE_MS && new Set((await sentRows()).map((m) => m.leadId)).size < leadIds.length) await sleep(2_000);
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
    rows.push({ scenario, expected: leadIds.length, sent: perLead.size, lost: leadIds.length - perLead.size, duplicated, seconds: Math.round((Date.now() - started) / 1000) });
  }

  try {
    // F1: the worker is killed (SIGKILL) while the first sends are in flight, then started again.
    let started = Date.now();
    const f1 = await captureMany(LEADS.F1, 'f1');
    await sleep(1_500);
    worker.proc.kill('SIGKILL');
    await worker.exited;
    await sleep(2_000);
    worker = spawnWorker();
    await measure(`F1 kill -9 worker mid-send (${LEADS.F1} leads)`, f1, started);

    // F3: 30 % of sends meet a 429 (retry-after 1 s), a 500, or a 10 s stall.
    await fetch(`${sink}/_sink/chaos`, { method: 'POST', body: JSON.stringify({ rate: 0.3, kinds: [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 500, stallMs: 10_000, afterAccept: false }] }) });
    started = Date.now();
    const f3 = await captureMany(LEADS.F3, 'f3');
    await measure(`F3 mail sink 30 % 429/500/10 s stall (${LEADS.F3} leads)`, f3, started);
    await fetch(`${sink}/_sink/faults`, { method: 'DELETE' });
  } finally {
    await connection.close().catch(() => undefined);
    await sql.end().catch(() => undefined);
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }

  console.log('\nscenario | emails expected | sent | lost | duplicated | seconds');
  console.log('--- | ---: | ---: | ---: | ---: | ---:');
  for (const r of rows) console.log(`${r.scenario} | ${r.expected} | ${r.sent} | ${r.lost} | ${r.duplicated} | ${r.seconds}`);
  console.log('\nNot implemented yet: F2 (Temporal/Postgres restart), F4 (webhook abuse), F5 (100k events), F6 (Slack 403 / CRM timeout at size).');
  if (rows.some((r) => r.lost > 0 || r.duplicated > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
