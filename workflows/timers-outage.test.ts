/**
 * Chaos F2 at small size: a journey's wait and a hand-off's reminder and escalation timers, pending when their worker
 * goes away, fire exactly once on a fresh worker (which knows them only from history), and each effect lands once
 * although its first attempts meet an unreachable database.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '../lib/journey/definition';
import { leadEvent } from '../lib/journey/engine/fixtures';
import { handoffWorkflowId, type HandoffWorkflowInput } from '../lib/journey/contract';
import { createFakeActivities, notified } from './testing/fake-activities';
import { atNode, createTestEnv, createWorker, eventually, journeyScenario, quietTemporalRuntime, templates, uniqueId } from './testing/harness';
import { handoffSlaWorkflow } from './handoff-sla';

const MINUTE = 60_000;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  // The injected outage makes every effect's first attempts fail on purpose: keep those warnings out of the test output.
  quietTemporalRuntime((e) => {
    if (e.message !== 'Activity failed') console.warn(`[temporal ${e.level}] ${e.message}`);
  });
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

/** Trigger, a one-hour wait, then the email the wait's timer releases. */
function waitJourney(): JourneyDefinition {
  return {
    schemaVersion: 1,
    name: 'Wait then mail',
    nodes: [
      { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
      { id: 'wait', kind: 'wait', label: '', config: { duration: { amount: 60, unit: 'minutes' } } },
      { id: 'after-wait', kind: 'send_email', label: '', config: { template: 'after-wait', variants: [], oncePerLead: true } },
      { id: 'done', kind: 'exit', label: '', config: { archive: false } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', output: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', output: 'next', target: 'after-wait' },
      { id: 'e3', source: 'after-wait', output: 'next', target: 'done' },
    ],
  };
}

/** Parked: a timer started and no workflow task in flight, so shutting the worker down leaves nothing half-done. */
const parked = (handle: WorkflowHandle) =>
  eventually(async () => {
    const { events } = await handle.fetchHistory();
    const last = events?.at(-1);
    expect(events?.some((e) => e.timerStartedEventAttributes)).toBe(true);
    expect(Boolean(last?.timerStartedEventAttributes || last?.workflowTaskCompletedEventAttributes)).toBe(true);
  }, 60_000);

describe('timers pending across a restart', () => {
  it('a wait and an SLA fire once each on a fresh worker, and every effect lands once through a database outage', async () => {
    const fakes = createFakeActivities({ unavailableAttempts: 2 });
    const s = journeyScenario(env, fakes);
    const leadId = uniqueId('lead');
    const sla: HandoffWorkflowInput = { version: 1, handoffId: uniqueId('h'), leadId, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false };
    const slaId = handoffWorkflowId(leadId, sla.handoffId);
    let journey: Awaited<ReturnType<typeof s.start>> | undefined;
    let slaHandle: WorkflowHandle | undefined;

    // No cache, hence no sticky queue: after shutdown the next tasks go to the shared queue the new worker polls.
    const first = await createWorker(env, s.taskQueue, fakes, { maxCachedWorkflows: 0 });
    await first.runUntil(async () => {
      journey = await s.start(waitJourney(), leadEvent(1, 0, 'form_submit'), { leadId });
      slaHandle = await env.client.workflow.start(handoffSlaWorkflow, { workflowId: slaId, taskQueue: s.taskQueue, args: [sla] });
      s.started.add(slaId);
      await atNode(journey.handle, 'wait');
      await parked(journey.handle);
      await parked(slaHandle);
    });
    expect(first.getState()).toBe('STOPPED');
    expect(fakes.calls.sendEmail).toHaveLength(0);

    await s.run(async () => {
      await env.sleep(61 * MINUTE);
      await eventually(() => expect(templates(fakes)).toEqual(['after-wait']));
      await eventually(() => expect(notified(fakes, 'escalation').map((c) => c.input.channel).sort()).toEqual(['email', 'slack']));
      expect(notified(fakes, 'reminder').map((c) => c.input.channel).sort()).toEqual(['email', 'slack']);
      expect(fakes.calls.markHandoffReminded).toHaveLength(1);
      expect(fakes.calls.reassignHandoff).toHaveLength(1);

      // Each timer fired once: every effect met the outage on exactly attempts 1 and 2 of one activity, under one key.
      const attemptsByKey = new Map<string, number[]>();
      for (const o of fakes.outages) attemptsByKey.set(`${o.activity} ${o.key}`, [...(attemptsByKey.get(`${o.activity} ${o.key}`) ?? []), o.attempt]);
      expect(Object.fromEntries(attemptsByKey)).toEqual({
        [`sendEmail ${fakes.calls.sendEmail[0]!.input.idempotencyKey}`]: [1, 2],
        [`notifyHandoffChannel ${slaId}:reminder:email`]: [1, 2],
        [`notifyHandoffChannel ${slaId}:reminder:slack`]: [1, 2],
        [`markHandoffReminded ${sla.handoffId}`]: [1, 2],
        [`notifyHandoffChannel ${slaId}:escalation:email`]: [1, 2],
        [`notifyHandoffChannel ${slaId}:escalation:slack`]: [1, 2],
        [`reassignHandoff ${sla.handoffId}`]: [1, 2],
      });
      // On time: the wait's email at 60 min, the reminder at 15, the escalation at 30 (plus the retries' few seconds).
      const at = (c: { at: number } | undefined) => (c?.at ?? NaN) - journey!.startedAt;
      expect(at(fakes.calls.sendEmail[0])).toBeGreaterThanOrEqual(60 * MINUTE);
      expect(at(fakes.calls.sendEmail[0])).toBeLessThan(61 * MINUTE);
      expect(at(notified(fakes, 'reminder')[0])).toBeGreaterThanOrEqual(15 * MINUTE);
      expect(at(notified(fakes, 'reminder')[0])).toBeLessThan(16 * MINUTE);
      expect(at(notified(fakes, 'escalation')[0])).toBeGreaterThanOrEqual(30 * MINUTE);
      expect(at(notified(fakes, 'escalation')[0])).toBeLessThan(31 * MINUTE);
    });
  }, 180_000);
});
