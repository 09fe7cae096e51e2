import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeActivities, notified, slackRejects403, type FakeActivities } from './testing/fake-activities';
import { createTestEnv, createWorker, eventually, terminateAll, uniqueId } from './testing/harness';
import { acknowledgeSignal, handoffSlaWorkflow } from './handoff-sla';
import { ApplicationFailure } from '@temporalio/common';
import { handoffWorkflowId, type HandoffWorkflowInput, type NotifyChannelInput } from '../lib/journey/contract';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const MINUTE = 60_000;

async function withHandoff(
  fakes: FakeActivities,
  body: (h: { input: HandoffWorkflowInput; workflowId: string; startedAt: number }) => Promise<void>,
  extra: Partial<HandoffWorkflowInput> = {},
) {
  const taskQueue = uniqueId('sla');
  const worker = await createWorker(env, taskQueue, fakes);
  await worker.runUntil(async () => {
    const leadId = uniqueId('lead');
    const input: HandoffWorkflowInput = { version: 1, handoffId: uniqueId('h'), leadId, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: true, ...extra };
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
      expect(notified(fakes, 'reminder')).toHaveLength(0);
      await env.sleep(MINUTE);
      await eventually(() => expect(notified(fakes, 'reminder').map((c) => c.input.channel).sort()).toEqual(['email', 'slack']));
      // The timer fires at exactly 15:00; the activity is scheduled once that workflow task completes.
      for (const c of notified(fakes, 'reminder')) {
        expect(c.at - startedAt).toBeGreaterThanOrEqual(15 * MINUTE);
        expect(c.at - startedAt).toBeLessThan(15 * MINUTE + 5_000);
        // Workflow identity + step: the same on every attempt, never a counter.
        expect(c.input.idempotencyKey).toBe(`${workflowId}:reminder:${c.input.channel}`);
      }

      await env.sleep(14 * MINUTE);
      expect(notified(fakes, 'escalation')).toHaveLength(0);
      await env.sleep(MINUTE);
      const result = await env.client.workflow.getHandle<typeof handoffSlaWorkflow>(workflowId).result();
      expect(notified(fakes, 'escalation')).toHaveLength(2);
      for (const c of notified(fakes, 'escalation')) {
        expect(c.at - startedAt).toBeGreaterThanOrEqual(30 * MINUTE);
        expect(c.at - startedAt).toBeLessThan(30 * MINUTE + 5_000);
      }
      expect(fakes.calls.reassignHandoff.map((c) => c.input.reassign)).toEqual([true]);
      expect(result).toMatchObject({ reminded: true, escalated: true, newOwnerId: 'owner-2' });
    });
  });

  it('still reminds and escalates on time when Slack answers 403 and the CRM keeps timing out, and records both on the hand-off', async () => {
    // The CRM fails the retryable way a timed-out receiver does, on every one of its attempts.
    const crmTimesOut = (i: NotifyChannelInput) => (i.channel === 'crm' ? ApplicationFailure.retryable('webhook https://crm.example.test unreachable: The operation was aborted due to timeout', 'WebhookUnreachable') : null);
    const fakes = createFakeActivities({ channelFailure: (i) => slackRejects403(i) ?? crmTimesOut(i) });
    await withHandoff(
      fakes,
      async ({ workflowId, startedAt, input }) => {
        const result = await env.client.workflow.getHandle<typeof handoffSlaWorkflow>(workflowId).result();
        expect(result).toMatchObject({ status: 'unacknowledged', reminded: true, escalated: true });
        // Email went out; Slack refused each time and the CRM gave up after its retries, each recorded on the hand-off.
        expect(notified(fakes, 'assigned').map((c) => c.input.channel)).toEqual(['email']);
        const reminder = notified(fakes, 'reminder');
        expect(reminder.map((c) => c.input.channel)).toEqual(['email']);
        expect(reminder[0]!.at - startedAt).toBeGreaterThanOrEqual(15 * MINUTE);
        expect(reminder[0]!.at - startedAt).toBeLessThan(15 * MINUTE + 5_000);
        const escalation = notified(fakes, 'escalation');
        expect(escalation.map((c) => c.input.channel)).toEqual(['email']);
        expect(escalation[0]!.at - startedAt).toBeGreaterThanOrEqual(30 * MINUTE);
        expect(escalation[0]!.at - startedAt).toBeLessThan(30 * MINUTE + 5_000);
        const failures = fakes.calls.recordHandoffChannel.map((c) => c.input);
        expect(failures.map((f) => [f.handoffId, f.entry.kind, f.entry.channel, f.entry.status, f.entry.detail])).toEqual([
          [input.handoffId, 'assigned', 'slack', 'failed', 'rejected 403'],
          [input.handoffId, 'assigned', 'crm', 'failed', 'webhook https://crm.example.test unreachable: The operation was aborted due to timeout'],
          [input.handoffId, 'reminder', 'slack', 'failed', 'rejected 403'],
          [input.handoffId, 'escalation', 'slack', 'failed', 'rejected 403'],
        ]);
      },
      { notify: true },
    );
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
      expect(notified(fakes, 'reminder')).toHaveLength(0);
    });
  });

  it('stops at the reminder when the database already shows an acknowledgement', async () => {
    const acknowledgedInDb = new Set<string>();
    const fakes = createFakeActivities({ acknowledgedInDb });
    await withHandoff(fakes, async ({ workflowId, input }) => {
      acknowledgedInDb.add(input.handoffId);
      const result = await env.client.workflow.getHandle<typeof handoffSlaWorkflow>(workflowId).result();
      expect(result).toMatchObject({ status: 'acknowledged', reminded: false, escalated: false });
      expect(notified(fakes, 'reminder')).toHaveLength(0);
      expect(notified(fakes, 'escalation')).toHaveLength(0);
      expect(fakes.calls.markHandoffReminded).toHaveLength(0);
    });
  });
});
