import { describe, expect, it } from 'vitest';
import { SIZING_DEFAULTS, workerSizing } from './sizing';

describe('worker sizing', () => {
  it('ties workflow-task and local-activity slots to the DB pool by default', () => {
    const s = workerSizing({ ...SIZING_DEFAULTS, dbPool: 12 });
    for (const w of [s.journey, s.sales]) {
      expect(w.maxConcurrentWorkflowTaskExecutions).toBe(12);
      expect(w.maxConcurrentLocalActivityExecutions).toBe(12);
      expect(w.stickyQueueScheduleToStartTimeout).toBe(10_000);
    }
    expect(s.dbPool).toBe(12);
  });

  it('splits one sticky-cache budget between the journey and sales queues, each holding at least its slots', () => {
    const s = workerSizing({ ...SIZING_DEFAULTS, cachedWorkflows: 250 });
    expect(s.journey.maxCachedWorkflows! + s.sales.maxCachedWorkflows!).toBe(250);
    expect(s.journey.maxCachedWorkflows).toBe(200);
    const tight = workerSizing({ ...SIZING_DEFAULTS, dbPool: 10, workflowSlots: 40, cachedWorkflows: 4 });
    // The SDK lowers slots to the cache size otherwise: the cache grows to fit the slots instead.
    expect(tight.journey.maxCachedWorkflows).toBeGreaterThanOrEqual(40);
    expect(tight.sales.maxCachedWorkflows).toBeGreaterThanOrEqual(40);
  });

  it('gives Slack and CRM calls their own slots', () => {
    expect(workerSizing({ ...SIZING_DEFAULTS, channelSlots: 300 }).channels.maxConcurrentActivityTaskExecutions).toBe(300);
  });
});
