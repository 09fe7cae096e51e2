import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeActivities, type FakeActivities } from './testing/fake-activities';
import { createTestEnv, createWorker, eventually, terminateAll, uniqueId } from './testing/harness';
import { acknowledgeSignal, handoffSlaWorkflow } from './handoff-sla';
import { handoffWorkflowId, type HandoffWorkflowInput } from '../lib/journey/contract';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const MINUTE = 60_000;

async function withHandoff(fakes: FakeActivities, body: (h: { input: HandoffWorkflowInput; workflowId: string; startedAt: number }) => Promise<void>) {
  const taskQueue = uniqueId('sla');
  const worker = await createWorker(env, taskQueue, fakes);
  await worker.runUntil(async () => {
    const leadId = uniqueId('lead');
    const input: HandoffWorkflowInput = { version: 1, handoffId: uniqueId('h'), leadId, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: true };
    const workflowId = handoffWorkflowId(leadId, input.handoffId);
    const handle = await env.client.workflow.start(handoffSlaWorkflow, { workflowId, taskQueue, args: [input] });
    const startedAt = (await handle.describe()).startTime.getTime();
    try {
      await body({ input, workflowId, startedAt });
    } finally {
      await terminateAll(env, [workflowId]);
    }
  });
}

describe('handoffSlaWorkflow', () => {
  it('reminds at 15:00, not at 14:59, and escalates at 30:00 with reassignment', async () => {
    const fakes = createFakeActivities();
    await withHandoff(fakes, async ({ workflowId, startedAt }) => {
      await env.sleep(14 * MINUTE + 59_000);
      expect(fakes.calls.remindHandoff).toHaveLength(0);
      await env.sleep(MINUTE);
      await eventually(() => expect(fakes.calls.remindHandoff).toHaveLength(1));
      // The timer fires at exactly 15:00; the activity is scheduled once that workflow task completes.
      expect(fakes.calls.remindHandoff[0]!.at - startedAt).toBeGreaterThanOrEqual(15 * MINUTE);
      expect(fakes.calls.remindHandoff[0]!.at - startedAt).toBeLessThan(15 * MINUTE + 5_000);

      await env.sleep(14 * MINUTE);
      expect(fakes.calls.escalateHandoff).toHaveLength(0);
      await env.sleep(MINUTE);
      const result = await env.client.workflow.getHandle<typeof handoffSlaWorkflow>(workflowId).result();
      expect(fakes.calls.escalateHandoff).toHaveLength(1);
      expect(fakes.calls.escalateHandoff[0]!.at - startedAt).toBeGreaterThanOrEqual(30 * MINUTE);
      expect(fakes.calls.escalateHandoff[0]!.at - startedAt).toBeLessThan(30 * MINUTE + 5_000);
      expect(fakes.calls.escalateHandoff[0]!.input.reassign).toBe(true);
      expect(result).toMatchObject({ reminded: true, escalated: true, newOwnerId: 'owner-2' });
    });
  });

  it('sends no reminder when the owner acknowledges before the SLA', async () => {
    const fakes = createFakeActivities();
    await withHandoff(fakes, async ({ workflowId, input }) => {
      await env.sleep(5 * MINUTE);
      const handle = env.client.workflow.getHandle<typeof handoffSlaWorkflow>(workflowId);
      await handle.signal(acknowledgeSignal, { at: '2024-08-01T10:05:00.000Z', by: 'john.doe' });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'acknowledged', reminded: false, escalated: false, acknowledgedAt: '2024-08-01T10:05:00.000Z' });
      expect(fakes.calls.recordAcknowledged.map((c) => c.input)).toEqual([{ handoffId: input.handoffId, at: '2024-08-01T10:05:00.000Z' }]);
      await env.sleep(60 * MINUTE);
      expect(fakes.calls.remindHandoff).toHaveLength(0);
    });
  });

  it('stops at the reminder when the database already shows an acknowledgement', async () => {
    const acknowledgedInDb = new Set<string>();
    const fakes = createFakeActivities({ acknowledgedInDb });
    await withHandoff(fakes, async ({ workflowId, input }) => {
      acknowledgedInDb.add(input.handoffId);
      const result = await env.client.workflow.getHandle<typeof handoffSlaWorkflow>(workflowId).result();
      expect(result).toMatchObject({ status: 'acknowledged', reminded: false, escalated: false });
      expect(fakes.calls.remindHandoff).toHaveLength(0);
      expect(fakes.calls.escalateHandoff).toHaveLength(0);
    });
  });
});
