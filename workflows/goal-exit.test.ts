/** A run exits the moment ingestion says its lead met the journey goal, wherever it waits, and sends nothing more. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLikeJourney, leadEvent } from '../lib/journey/engine/fixtures';
import { createFakeActivities } from './testing/fake-activities';
import { atNode, createTestEnv, journeyScenario, templates, uniqueId } from './testing/harness';
import { goalReachedSignal } from './lead-journey';

const DAY = 86_400_000;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

describe('goal exit', () => {
  it('a goal signal on day 2 of a 7-day wait ends the run then, records the goal, and the re-engage email never goes', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      const { handle, startedAt } = await s.start(defaultLikeJourney(), leadEvent(1, 0, 'form_submit'));
      await atNode(handle, 'wait-a');
      await env.sleep(2 * DAY);
      await handle.signal(goalReachedSignal, { at: new Date(startedAt + 2 * DAY).toISOString(), reason: 'Booked a demo' });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', lastNode: 'wait-a' });
      // Ended on day 2 of workflow time, not at the wait's 7-day deadline.
      const closed = (await handle.describe()).closeTime!.getTime();
      expect(closed - startedAt).toBeLessThan(3 * DAY);
      expect(templates(fakes)).toEqual(['email-a-nurture']);
      const goal = fakes.calls.recordStep.find((c) => c.input.kind === 'goal');
      expect(goal?.input).toMatchObject({ nodeId: 'goal', detail: { reason: 'Booked a demo', from: 'wait-a' } });
      expect(fakes.calls.syncRun.at(-1)?.input).toMatchObject({ status: 'completed' });
    });
  }, 120_000);

  it('a second goal signal is ignored', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      const { handle } = await s.start(defaultLikeJourney(), leadEvent(1, 0, 'form_submit'));
      await atNode(handle, 'wait-a');
      await handle.signal(goalReachedSignal, { at: new Date().toISOString(), reason: 'first' });
      await handle.signal(goalReachedSignal, { at: new Date().toISOString(), reason: 'second' }).catch(() => undefined);
      await handle.result();
      // Step writes are at-least-once (keyed by node and visit in Postgres): count distinct ones.
      const goals = new Set(fakes.calls.recordStep.filter((c) => c.input.kind === 'goal').map((c) => `${c.input.nodeId}:${c.input.visit}:${String(c.input.detail.reason)}`));
      expect([...goals]).toEqual(['goal:1:first']);
    });
  }, 120_000);

  it("the run's own update_lead step meeting the goal ends the run there: the update is recorded, then the goal, and no hand-off follows", async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      // The fake answers a lead starting "selfgoal-" as the real activity does when the update met the run's goal.
      const { handle, workflowId } = await s.start(defaultLikeJourney(), leadEvent(1, 70, 'schedule_demo'), { leadId: uniqueId('selfgoal-lead') });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', lastNode: 'mark-hot' });
      expect(fakes.calls.updateLead.map((c) => c.input)).toMatchObject([{ workflowId, stage: 'hot' }]);
      expect(fakes.calls.startHandoff).toEqual([]);
      const steps = fakes.calls.recordStep.map((c) => `${c.input.kind}:${c.input.nodeId}`);
      expect(steps.slice(-2)).toEqual(['update_lead:mark-hot', 'goal:goal']);
      expect(fakes.calls.recordStep.at(-1)?.input.detail).toMatchObject({ reason: 'Reached the hot stage', from: 'mark-hot' });
      expect(fakes.calls.syncRun.at(-1)?.input).toMatchObject({ status: 'completed', currentNode: 'mark-hot' });
    });
  }, 120_000);
});
