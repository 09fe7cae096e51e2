/** A parked journey survives its worker: a fresh worker replays the history and the 7-day timer path runs. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLikeJourney, leadEvent } from '../lib/journey/engine/fixtures';
import { createFakeActivities } from './testing/fake-activities';
import { atNode, createTestEnv, createWorker, eventually, expectAt, journeyScenario, templates } from './testing/harness';

const DAY = 86_400_000;

// Its own time-skipping server, so a run stuck here cannot stall other scenarios' timers.
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

describe('leadJourneyWorkflow on a restarted worker', () => {
  it('resumes a 7-day wait on a new worker after the first one shut down', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    let started: Awaited<ReturnType<typeof s.start>> | undefined;
    // No cache, hence no sticky queue: the next task goes to the shared queue the new worker polls.
    const first = await createWorker(env, s.taskQueue, fakes, { maxCachedWorkflows: 0 });
    await first.runUntil(async () => {
      started = await s.start(defaultLikeJourney(), leadEvent(1, 0, 'form_submit'));
      await atNode(started.handle, 'wait-a');
      // Shut down only once the run is parked on its timer, so no task is left half-done.
      await eventually(async () => {
        const { events } = await started!.handle.fetchHistory();
        const last = events?.at(-1);
        // Parked: a timer is started and no workflow task is in flight. Core may close the task that started the
        // timer and then run one more empty task while its local activities finish, so the last event is either.
        expect(events?.some((e) => e.timerStartedEventAttributes)).toBe(true);
        expect(Boolean(last?.timerStartedEventAttributes || last?.workflowTaskCompletedEventAttributes), JSON.stringify(events?.slice(-4).map((e) => e.eventType))).toBe(true);
      }, 60_000);
    });
    expect(first.getState()).toBe('STOPPED');
    const { handle, startedAt } = started!;
    // A fresh worker has no cached state: it replays the history, then the timer path runs.
    await s.run(async () => {
      await env.sleep(7 * DAY);
      await atNode(handle, 'wait-re-engage');
      await env.sleep(7 * DAY);
      const result = await handle.result();
      expect(result.status).toBe('archived');
      expect(templates(fakes)).toEqual(['email-a-nurture', 're-engage']);
      expectAt(fakes.calls.sendEmail[1]?.at, startedAt + 7 * DAY);
    });
  }, 180_000);
});
