import { describe, expect, it } from 'vitest';
import type { JourneyActivities, SendEmailInput, SendEmailResult, StepInput } from '../contract';
import { burstJourney, leadEvent } from './fixtures';
import { runJourney } from './interpreter';
import type { JourneyRuntime } from './runtime';
import { applyLeadEvent, createInitialState } from './state';

describe('the frequency cap counted across journeys', () => {
  it('sleeps until the time the send activity names, records the deferral, then sends with the same key', async () => {
    const state = createInitialState({ workflowId: 'wf', leadId: 'lead-1', journeyId: 'j', journeyVersion: 1, maxEmailsPer24h: 3 });
    applyLeadEvent(state, leadEvent(1, 0, 'lead_captured', 'capture'));
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const until = clock + 5 * 3_600_000;
    const sends: { input: SendEmailInput; at: number }[] = [];
    const steps: StepInput[] = [];
    const activities = {
      recordStep: async (s: StepInput) => void steps.push(s),
      syncRun: async () => {},
      loadLead: async () => {
        throw new Error('not used');
      },
      updateLead: async () => ({}),
      callWebhook: async () => ({ status: 200 }),
      startHandoff: async () => ({ handoffId: 'h', ownerId: 'o', created: true }),
      // Another journey already used the lead's allowance: the first attempt is told to wait.
      sendEmail: async (input: SendEmailInput): Promise<SendEmailResult> => {
        sends.push({ input, at: clock });
        return sends.length === 1 ? { status: 'deferred', until: new Date(until).toISOString() } : { status: 'sent', messageId: 'm', providerId: 'p' };
      },
    } satisfies JourneyActivities;
    const rt: JourneyRuntime = {
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      waitUntil: async (predicate) => predicate(),
      activities,
      startHandoff: async () => {},
      shouldContinueAsNew: () => false,
      onPosition: () => {},
      patched: () => true,
      isCancellation: () => false,
    };
    await runJourney(rt, burstJourney(1), state);
    expect(sends.map((s) => s.at)).toEqual([Date.parse('2030-01-01T00:00:00Z'), until]);
    expect(sends[0]!.input.cap).toEqual({ maxPer24h: 3, now: '2030-01-01T00:00:00.000Z' });
    expect(sends[1]!.input.idempotencyKey).toBe(sends[0]!.input.idempotencyKey);
    const deferred = steps.find((s) => s.detail.phase === 'deferred');
    expect(deferred?.detail).toMatchObject({ deferredUntil: new Date(until).toISOString(), acrossJourneys: true });
  });
});
