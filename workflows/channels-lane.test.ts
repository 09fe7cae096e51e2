// Slack and CRM calls run on the channels queue: receivers that hang hold none of the sales queue's slots, so the next
// hand-off's email to its owner still goes out at once.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channelsTaskQueue, handoffWorkflowId, salesTaskQueue, type HandoffWorkflowInput, type NotifyChannelInput } from '../lib/journey/contract';
import { handoffSlaWorkflow } from './handoff-sla';
import { createFakeActivities } from './testing/fake-activities';
import { createTestEnv, eventually, terminateAll, uniqueId, workflowBundle } from './testing/harness';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

it("keeps the sales queue's slots free while Slack and the CRM hang", async () => {
  const fakes = createFakeActivities();
  let release!: () => void;
  const hung = new Promise<void>((resolve) => (release = resolve));
  const hanging: NotifyChannelInput[] = [];
  const activities = {
    ...fakes.activities,
    async notifyHandoffChannel(input: NotifyChannelInput) {
      if (input.channel !== 'email') {
        hanging.push(input);
        await hung;
      }
      return fakes.activities.notifyHandoffChannel(input);
    },
  };
  const sales = salesTaskQueue(uniqueId('lane'));
  const common = { connection: env.nativeConnection, namespace: env.namespace ?? 'default', workflowBundle: await workflowBundle(), activities };
  // Two activity slots: one hand-off's Slack and CRM calls would fill the sales queue if they ran there.
  const salesWorker = await Worker.create({ ...common, taskQueue: sales, maxConcurrentActivityTaskExecutions: 2 });
  const channelsWorker = await Worker.create({ ...common, taskQueue: channelsTaskQueue(sales) });
  const started: string[] = [];
  const start = async () => {
    const leadId = uniqueId('lead');
    const input: HandoffWorkflowInput = { version: 1, handoffId: uniqueId('h'), leadId, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false, notify: true };
    const workflowId = handoffWorkflowId(leadId, input.handoffId);
    await env.client.workflow.start(handoffSlaWorkflow, { workflowId, taskQueue: sales, args: [input] });
    started.push(workflowId);
    return input.handoffId;
  };
  const emailed = (handoffId: string) => fakes.calls.notifyHandoffChannel.some((c) => c.input.handoffId === handoffId && c.input.channel === 'email' && c.input.kind === 'assigned');

  await channelsWorker.runUntil(
    salesWorker.runUntil(async () => {
      try {
        const first = await start();
        await eventually(() => {
          expect(hanging.filter((h) => h.handoffId === first).map((h) => h.channel).sort()).toEqual(['crm', 'slack']);
          expect(emailed(first)).toBe(true);
        }, 30_000);
        const second = await start();
        await eventually(() => expect(emailed(second)).toBe(true), 30_000);
      } finally {
        release();
        await terminateAll(env, started);
      }
    }),
  );
});
