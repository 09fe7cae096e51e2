import { describe, expect, it } from 'vitest';
import type { JourneyActivities, SendEmailInput } from '../contract';
import { defaultLikeJourney, leadEvent } from './fixtures';
import { runJourney } from './interpreter';
import type { JourneyRuntime } from './runtime';
import { applyLeadEvent, createInitialState } from './state';

class Parked extends Error {}

describe('an event that lands while the run is busy', () => {
  it('is still pending for the next wait: an event during an email send releases the wait that follows it', async () => {
    const state = createInitialState({ workflowId: 'wf', leadId: 'lead-1', journeyId: 'j', journeyVersion: 1, maxEmailsPer24h: 3 });
    applyLeadEvent(state, leadEvent(1, 0, 'lead_captured', 'capture'));
    const sent: string[] = [];
    const parkedAt: string[] = [];
    const activities = {
      recordStep: async () => {},
      syncRun: async () => {},
      loadLead: async () => {
        throw new Error('not used');
      },
      updateLead: async () => ({}),
      callWebhook: async () => ({ status: 200 }),
      startHandoff: async () => ({ handoffId: 'h', ownerId: 'o', created: true }),
      sendEmail: async (input: SendEmailInput) => {
        sent.push(input.template);
        // The lead schedules a demo while Email A is in flight.
        if (sent.length === 1) applyLeadEvent(state, leadEvent(2, 30, 'schedule_demo'));
        return { status: 'sent' as const, messageId: `m${sent.length}`, providerId: `p${sent.length}` };
      },
    } satisfies JourneyActivities;
    const rt: JourneyRuntime = {
      now: () => 0,
      sleep: async () => {},
      waitUntil: async (predicate) => {
        if (predicate()) return true;
        parkedAt.push(state.currentNode ?? '');
        throw new Parked();
      },
      activities,
      startHandoff: async () => {},
      shouldContinueAsNew: () => false,
      onPosition: () => {},
      patched: () => true,
      isCancellation: () => false,
    };
    await expect(runJourney(rt, defaultLikeJourney(), state)).rejects.toBeInstanceOf(Parked);
    expect(sent).toEqual(['email-a-nurture', 'email-b-welcome-value']);
    expect(parkedAt).toEqual(['wait-b']);
  });
});
