/** Bundle once: `npm run build:workflows` output is what workers load (workflowBundle), and a source change makes it stale. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFakeActivities } from '@/workflows/testing/fake-activities';
import { createTestEnv, eventually, uniqueId } from '@/workflows/testing/harness';
import type { HandoffWorkflowInput } from '@/lib/journey/contract';
import { buildWorkflowBundle, prebuiltWorkflowBundle, workflowSourceHash } from './workflow-bundle';

let tmp: string;
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'leadflow-bundle-'));
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
  await rm(tmp, { recursive: true, force: true });
});

it('builds once to disk, and a worker runs workflows from that file', { timeout: 240_000 }, async () => {
  const dir = path.join(tmp, 'bundle');
  expect((await prebuiltWorkflowBundle(dir)).state).toBe('missing');
  const built = await buildWorkflowBundle(dir);
  const state = await prebuiltWorkflowBundle(dir);
  if (state.state !== 'fresh') throw new Error(`expected a fresh bundle, got ${state.state}`);
  expect(state.bundle.codePath).toBe(built.codePath);
  expect((await readFile(built.codePath, 'utf8')).length).toBeGreaterThan(10_000);

  const fakes = createFakeActivities();
  const taskQueue = uniqueId('bundle');
  const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: state.bundle, activities: fakes.activities });
  await worker.runUntil(async () => {
    const input: HandoffWorkflowInput = { version: 1, handoffId: uniqueId('h'), leadId: uniqueId('lead'), slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false, notify: true };
    const handle = await env.client.workflow.start('handoffSlaWorkflow', { workflowId: uniqueId('bundle-wf'), taskQueue, args: [input] });
    await eventually(() => expect(fakes.calls.notifyHandoffChannel.map((c) => c.input.handoffId)).toContain(input.handoffId));
    await handle.terminate();
  });
});

it('the source hash covers workflows/ and lib/ but not tests, so an edit marks the bundle stale', async () => {
  const root = path.join(tmp, 'src');
  await mkdir(path.join(root, 'workflows'), { recursive: true });
  await mkdir(path.join(root, 'lib', 'journey'), { recursive: true });
  await writeFile(path.join(root, 'workflows', 'index.ts'), 'export {};');
  await writeFile(path.join(root, 'lib', 'journey', 'engine.ts'), 'export const a = 1;');
  const first = await workflowSourceHash(root);
  await writeFile(path.join(root, 'lib', 'journey', 'engine.test.ts'), 'it("x", () => {});');
  expect(await workflowSourceHash(root)).toBe(first);
  await writeFile(path.join(root, 'lib', 'journey', 'engine.ts'), 'export const a = 2;');
  expect(await workflowSourceHash(root)).not.toBe(first);

  const dir = path.join(tmp, 'stale');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'bundle.js'), '');
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ sourceHash: first, builtAt: new Date().toISOString() }));
  expect((await prebuiltWorkflowBundle(dir, root)).state).toBe('stale');
});
