/**
 * A blast renders and sends in the bulk worker process, at a lower CPU priority than the worker that runs journeys and
 * the sales lane, so its rendering never shares an event loop (or equal CPU priority) with a hot lead's hand-off.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { blastWorkflowId, bulkTaskQueue, type BlastInput, type BlastTotals } from '@/lib/journey/contract';
import { leadflowDataConverter } from '@/lib/payload-codec';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { api, sinkMessages, temporalTestConnection, testDb, uniqueEmail } from './support';

const { sql: pg } = testDb();
let connection: Connection | null = null;
afterAll(async () => {
  await connection?.close();
  await pg.end();
});

const stat = (path: string) => {
  const text = readFileSync(path, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
};
/** Field 19 of /proc/<pid>/task/<tid>/stat (nice), for every thread of the process. */
const threadNices = (pid: number) => readdirSync(`/proc/${pid}/task`).map((tid) => Number(stat(`/proc/${pid}/task/${tid}/stat`)[16]));
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');

it('a blast on the bulk queue is sent by the bulk worker process, whose every thread runs below the hot worker’s priority', async () => {
  const source = `it-bulk-${crypto.randomUUID().slice(0, 8)}`;
  const emails = [uniqueEmail('bulk-a'), uniqueEmail('bulk-b'), uniqueEmail('bulk-c')];
  for (const email of emails) expect((await api('/api/leads', { body: { email, source, first_name: 'Lan' } })).status).toBe(201);

  connection = await Connection.connect(temporalTestConnection());
  const dataConverter = leadflowDataConverter(process.env.LEADFLOW_PAYLOAD_KEY);
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', ...(dataConverter ? { dataConverter } : {}) });
  const blastId = crypto.randomUUID();
  const input: BlastInput = { blastId, template: 're-engage', audience: { source }, startedAt: new Date().toISOString() };
  const handle = await client.workflow.start('emailBlastWorkflow', { workflowId: blastWorkflowId(blastId), taskQueue: bulkTaskQueue(process.env.TEMPORAL_TASK_QUEUE ?? 'leadflow'), args: [input] });
  const totals = (await handle.result()) as BlastTotals;
  expect(totals).toEqual({ sent: 3, skipped: 0, overLimit: 0, failed: 0 });
  // Each lead's blast email is at the sink under the provider id its message row records.
  const rows = await pg<{ to_email: string; provider_id: string | null }[]>`select to_email, provider_id from messages where workflow_id = ${blastWorkflowId(blastId)}`;
  expect(rows.map((r) => r.to_email).sort()).toEqual([...emails].sort());
  const atSink = new Set((await sinkMessages()).map((m: { id: string }) => m.id));
  for (const r of rows) expect(atSink.has(r.provider_id ?? '')).toBe(true);

  // The worker that ran each page send names itself pid@host in the history.
  const history = await handle.fetchHistory();
  const identities = (history.events ?? []).flatMap((e) => (e.activityTaskStartedEventAttributes?.identity ? [e.activityTaskStartedEventAttributes.identity] : []));
  expect(identities.length).toBeGreaterThan(0);
  const pids = [...new Set(identities.map((id) => Number(id.split('@')[0])))];
  for (const pid of pids) {
    expect(cmdline(pid)).toContain('worker/bulk-main.ts');
    expect(new Set(threadNices(pid))).toEqual(new Set([Number(process.env.BULK_WORKER_NICE ?? 10)]));
  }
  // The hot lane's workers (journeys, sales notifications), as the queues' pollers name them, keep the default priority.
  const queue = process.env.TEMPORAL_TASK_QUEUE ?? 'leadflow';
  const hot = new Set<number>();
  for (const name of [queue, `${queue}-sales`]) {
    const { pollers } = await client.workflowService.describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name }, taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW });
    for (const p of pollers ?? []) if (p.identity) hot.add(Number(p.identity.split('@')[0]));
  }
  expect(hot.size).toBeGreaterThan(0);
  for (const pid of hot) {
    expect(pids).not.toContain(pid);
    expect(Math.max(...threadNices(pid))).toBe(0);
  }
});
