import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpWorkflowId } from '../lib/journey/contract';
import { followUpReminderWorkflow, followUpSignal, followUpStateQuery } from './follow-up';
import { createFakeActivities, type FakeActivities } from './testing/fake-activities';
import { createTestEnv, createWorker, eventually, terminateAll, uniqueId } from './testing/harness';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** As the signal relay does: the date's outbox row signal-with-starts the lead's follow-up run. */
async function withFollowUp(fakes: FakeActivities, body: (f: { workflowId: string; setDate: (dueAt: number | null) => Promise<void>; now: () => Promise<number> }) => Promise<void>) {
  const taskQueue = uniqueId('follow-up');
  const worker = await createWorker(env, taskQueue, fakes);
  const leadId = uniqueId('lead');
  const workflowId = followUpWorkflowId(leadId);
  const setDate = async (dueAt: number | null) => {
    await env.client.workflow.signalWithStart(followUpReminderWorkflow, {
      workflowId,
      taskQueue,
      args: [{ version: 1, leadId }],
      signal: followUpSignal,
      signalArgs: [{ dueAt: dueAt === null ? null : new Date(dueAt).toISOString() }],
    });
  };
  await worker.runUntil(async () => {
    try {
      await body({ workflowId, setDate, now: async () => (await env.currentTimeMs()) });
    } finally {
      await terminateAll(env, [workflowId]);
    }
  });
}

describe('followUpReminderWorkflow', () => {
  it('reminds the owner when the date comes, not a minute before, and once', async () => {
    const fakes = createFakeActivities();
    await withFollowUp(fakes, async ({ workflowId, setDate, now }) => {
      const dueAt = (await now()) + 3 * DAY;
      await setDate(dueAt);
      const handle = env.client.workflow.getHandle<typeof followUpReminderWorkflow>(workflowId);
      await eventually(async () => expect((await handle.query(followUpStateQuery)).dueAt).toBe(new Date(dueAt).toISOString()));
      await env.sleep(3 * DAY - 60_000);
      expect(fakes.calls.remindFollowUp).toHaveLength(0);
      await env.sleep(60_000);
      const result = await handle.result();
      expect(fakes.calls.remindFollowUp).toHaveLength(1);
      const [call] = fakes.calls.remindFollowUp;
      expect(call!.at).toBeGreaterThanOrEqual(dueAt);
      expect(call!.at).toBeLessThan(dueAt + 60_000);
      // The run's identity and the date: the same on every attempt, never a counter.
      expect(call!.input).toMatchObject({ dueAt: new Date(dueAt).toISOString(), idempotencyKey: `${workflowId}:${new Date(dueAt).toISOString()}` });
      expect(result.reminders.map((r) => r.result.status)).toEqual(['sent']);
    });
  });

  it('moves the reminder when the rep sets a new date, and sends nothing for the old one', async () => {
    const fakes = createFakeActivities();
    await withFollowUp(fakes, async ({ workflowId, setDate, now }) => {
      const start = await now();
      await setDate(start + 2 * DAY);
      await env.sleep(DAY);
      const later = start + 5 * DAY;
      await setDate(later);
      const handle = env.client.workflow.getHandle<typeof followUpReminderWorkflow>(workflowId);
      await eventually(async () => expect((await handle.query(followUpStateQuery)).dueAt).toBe(new Date(later).toISOString()));
      await env.sleep(2 * DAY);
      expect(fakes.calls.remindFollowUp).toHaveLength(0);
      await env.sleep(2 * DAY);
      await handle.result();
      expect(fakes.calls.remindFollowUp.map((c) => c.input.dueAt)).toEqual([new Date(later).toISOString()]);
      expect(fakes.calls.remindFollowUp[0]!.at).toBeGreaterThanOrEqual(later);
    });
  });

  it('ends without a reminder when the date is cleared, and a later date starts a new run', async () => {
    const fakes = createFakeActivities();
    await withFollowUp(fakes, async ({ workflowId, setDate, now }) => {
      await setDate((await now()) + DAY);
      const first = env.client.workflow.getHandle<typeof followUpReminderWorkflow>(workflowId);
      const { runId } = await first.describe();
      await setDate(null);
      expect((await first.result()).reminders).toEqual([]);
      await env.sleep(2 * DAY);
      expect(fakes.calls.remindFollowUp).toHaveLength(0);

      const again = (await now()) + HOUR;
      await setDate(again);
      const second = env.client.workflow.getHandle<typeof followUpReminderWorkflow>(workflowId);
      expect((await second.describe()).runId).not.toBe(runId);
      await second.result();
      expect(fakes.calls.remindFollowUp.map((c) => c.input.dueAt)).toEqual([new Date(again).toISOString()]);
    });
  });
});
