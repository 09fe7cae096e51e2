/** LEADFLOW_PAYLOAD_KEY: with it, lead data in Temporal's history is ciphertext, yet the worker sees the clear values; without it, history is readable. */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, leadflowDataConverter } from '@/lib/payload-codec';
import type { HandoffWorkflowInput } from '@/lib/journey/contract';
import { createFakeActivities } from '@/workflows/testing/fake-activities';
import { createTestEnv, eventually, uniqueId, workflowBundle } from '@/workflows/testing/harness';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.teardown());

const KEY = randomBytes(32).toString('base64');

/** Starts the SLA workflow carrying `marker`, waits until the worker's notify activity saw it, returns the raw history bytes. */
async function historyOf(marker: string, payloadKey: string | undefined): Promise<{ history: Buffer; seenByWorker: string }> {
  const dataConverter = leadflowDataConverter(payloadKey);
  const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', ...(dataConverter ? { dataConverter } : {}) });
  const fakes = createFakeActivities();
  const taskQueue = uniqueId('codec');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: fakes.activities,
    ...(dataConverter ? { dataConverter } : {}),
  });
  const workflowId = uniqueId('codec-wf');
  return worker.runUntil(async () => {
    const input: HandoffWorkflowInput = { version: 1, handoffId: marker, leadId: uniqueId('lead'), slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false, notify: true };
    const handle = await client.workflow.start('handoffSlaWorkflow', { workflowId, taskQueue, args: [input] });
    const seen = await eventually(() => {
      const call = fakes.calls.notifyHandoffChannel[0];
      if (!call) throw new Error('no notification yet');
      return call.input.handoffId;
    });
    await handle.terminate();
    // A client without the codec reads history as it is stored on the server.
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    return { history: Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish()), seenByWorker: seen };
  });
}

it('encrypts workflow inputs in history (AES-GCM) and the worker still reads them', { timeout: 180_000 }, async () => {
  const marker = `lan.nguyen+${uniqueId('x')}@example.com`;
  const encrypted = await historyOf(marker, KEY);
  expect(encrypted.seenByWorker).toBe(marker);
  expect(encrypted.history.includes(marker)).toBe(false);
  expect(encrypted.history.includes(ENCRYPTED_ENCODING)).toBe(true);

  // Control: the same run without a key leaves the marker readable in history.
  const plain = await historyOf(marker, undefined);
  expect(plain.history.includes(marker)).toBe(true);
});

it('refuses to decode with another key, and round-trips with the right one', async () => {
  const codec = AesGcmPayloadCodec.fromBase64(KEY);
  const payload = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('{"email":"minh@example.vn"}') };
  const [sealed] = await codec.encode([payload]);
  expect(Buffer.from(sealed!.data!).includes('minh@example.vn')).toBe(false);
  const [opened] = await codec.decode([sealed!]);
  expect(new TextDecoder().decode(opened!.data!)).toBe('{"email":"minh@example.vn"}');
  await expect(AesGcmPayloadCodec.fromBase64(randomBytes(32).toString('base64')).decode([sealed!])).rejects.toThrow(/not this LEADFLOW_PAYLOAD_KEY/);
});
