import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '../lib/journey/definition';
import { burstJourney, defaultLikeJourney, leadEvent } from '../lib/journey/engine/fixtures';
import { journeyInternalsQuery, journeyStateQuery, leadEventSignal, type leadJourneyWorkflow } from './lead-journey';
import { createFakeActivities } from './testing/fake-activities';
import { atNode, createTestEnv, eventually, expectAt, journeyScenario, templates } from './testing/harness';

const DAY = 86_400_000;
const HOUR = 3_600_000;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

describe('leadJourneyWorkflow', () => {
  it('re-engages a cold lead on day 7 and archives it on day 14', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      const { handle, leadId, startedAt } = await s.start(defaultLikeJourney(), leadEvent(1, 0, 'form_submit'));
      await atNode(handle, 'wait-a');
      await env.sleep(7 * DAY - HOUR);
      expect(templates(fakes)).toEqual(['email-a-nurture']);
      await env.sleep(HOUR);
      await atNode(handle, 'wait-re-engage');
      await env.sleep(7 * DAY);
      const result = await handle.result();
      expect(result.status).toBe('archived');
      expect(templates(fakes)).toEqual(['email-a-nurture', 're-engage']);
      expectAt(fakes.calls.sendEmail[1]?.at, startedAt + 7 * DAY);
      const archive = fakes.calls.updateLead.find((c) => c.input.archive);
      expect(archive?.input).toEqual({ leadId, archive: true });
      expectAt(archive?.at, startedAt + 14 * DAY);
    });
  });

  it('restarts the 7-day clock when an event arrives on day 6 (re-engage on day 13)', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      const { handle, startedAt } = await s.start(defaultLikeJourney(), leadEvent(1, 0, 'form_submit'));
      await atNode(handle, 'wait-a');
      await env.sleep(6 * DAY);
      expect(templates(fakes)).toEqual(['email-a-nurture']);
      const writesBefore = fakes.calls.recordSteps.length;
      await handle.signal(leadEventSignal, leadEvent(2, 5, 'email_open'));
      await eventually(() => expect(fakes.calls.recordStep.filter((c) => c.input.nodeId === 'wait-a' && c.input.detail.phase === 'entered')).toHaveLength(2));
      // The event's whole pass (wait resolved, score, Email A skipped, wait entered) is one bookkeeping write.
      expect(fakes.calls.recordSteps.slice(writesBefore).map((c) => c.input.steps.map((st) => `${st.nodeId}:${String(st.detail.phase)}`))).toEqual([
        ['wait-a:resolved', 'score:done', 'email-a:done', 'wait-a:entered'],
      ]);
      await env.sleep(DAY + HOUR);
      expect(templates(fakes)).toEqual(['email-a-nurture']);
      await env.sleep(6 * DAY);
      await atNode(handle, 'wait-re-engage');
      await env.sleep(7 * DAY);
      const result = await handle.result();
      expect(result.status).toBe('archived');
      expect(templates(fakes)).toEqual(['email-a-nurture', 're-engage']);
      expectAt(fakes.calls.sendEmail[1]?.at, startedAt + 13 * DAY);
    });
  });

  it('counts an event signalled twice with the same id once', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      const { handle } = await s.start(defaultLikeJourney(), leadEvent(1, 10, 'email_open'));
      await atNode(handle, 'wait-a');
      await handle.signal(leadEventSignal, leadEvent(2, 50, 'visit_pricing', 'evt-dup'));
      await handle.signal(leadEventSignal, leadEvent(2, 50, 'visit_pricing', 'evt-dup'));
      // Signals apply in order: once the marker is in, a counted duplicate would already be in too.
      await handle.signal(leadEventSignal, leadEvent(3, 50, 'email_click', 'evt-marker'));
      const internals = await eventually(async () => {
        const state = await handle.query(journeyInternalsQuery);
        expect(state.lastAction).toBe('email_click');
        return state;
      });
      expect(internals.eventsSeen).toBe(3);
      await atNode(handle, 'wait-c');
      expect(templates(fakes)).toEqual(['email-a-nurture', 'email-c-case-study']);
      // Each distinct event releases at most one wait: the start, the visit and the marker, never the duplicate.
      expect(fakes.calls.recordStep.filter((c) => c.input.nodeId === 'score').length).toBeLessThanOrEqual(3);
    });
  });

  it('continues as new mid-wait keeping score, position and the original deadline', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    const def: JourneyDefinition = {
      schemaVersion: 1,
      name: 'Demo watch',
      nodes: [
        { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
        { id: 'watch', kind: 'wait_for_event', label: '', config: { eventTypes: ['schedule_demo'], timeout: { amount: 7, unit: 'days' } } },
        { id: 'nudge', kind: 'send_email', label: '', config: { template: 'demo-nudge', variants: [], oncePerLead: true } },
        { id: 'end', kind: 'exit', label: '', config: { archive: false } },
      ],
      edges: [
        { id: '1', source: 'trigger', output: 'next', target: 'watch' },
        { id: '2', source: 'watch', output: 'timeout', target: 'nudge' },
        { id: '3', source: 'watch', output: 'event', target: 'end' },
        { id: '4', source: 'nudge', output: 'next', target: 'end' },
      ],
    };
    await s.run(async () => {
      const { handle, workflowId, startedAt } = await s.start(def, leadEvent(1, 10, 'email_open'), { continueAsNewAfterEvents: 2 });
      await atNode(handle, 'watch');
      const firstRunId = (await handle.describe()).runId;
      await env.sleep(2 * DAY);
      await handle.signal(leadEventSignal, leadEvent(2, 35, 'webinar_register'));
      const latest = env.client.workflow.getHandle<typeof leadJourneyWorkflow>(workflowId);
      await eventually(async () => expect((await latest.describe()).runId).not.toBe(firstRunId));
      const view = await atNode(latest, 'watch');
      expect(view).toMatchObject({ score: 35, stage: 'warm', status: 'running' });
      expect(view.path.map((p) => p.nodeId)).toEqual(['trigger', 'watch']);

      await env.sleep(5 * DAY);
      const result = await latest.result();
      expect(result).toMatchObject({ status: 'completed', score: 35 });
      // 7 days from entering the wait, not from the new run.
      expectAt(fakes.calls.sendEmail[0]?.at, startedAt + 7 * DAY);
      expect(fakes.calls.recordStep.filter((c) => c.input.nodeId === 'watch' && c.input.detail.phase === 'entered')).toHaveLength(1);
    });
  });

  it('keeps a running lead on v1 while a new lead starts on v2', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      const v1 = await s.start(defaultLikeJourney(), leadEvent(1, 10, 'email_open'), { journeyVersion: 1 });
      await atNode(v1.handle, 'wait-a');
      const v2 = await s.start(defaultLikeJourney({ templateSuffix: '-v2' }), leadEvent(1, 10, 'email_open'), { journeyVersion: 2 });
      await atNode(v2.handle, 'wait-a');
      await v1.handle.signal(leadEventSignal, leadEvent(2, 50, 'visit_pricing'));
      const view = await atNode(v1.handle, 'wait-c');
      expect(view.journeyVersion).toBe(1);
      expect((await v2.handle.query(journeyStateQuery)).journeyVersion).toBe(2);
      const byLead = (leadId: string) => fakes.calls.sendEmail.filter((c) => c.input.leadId === leadId).map((c) => c.input.template);
      expect(byLead(v1.leadId)).toEqual(['email-a-nurture', 'email-c-case-study']);
      expect(byLead(v2.leadId)).toEqual(['email-a-nurture-v2']);
    });
  });

  it('defers the fourth marketing email in 24 h until the window opens', async () => {
    const fakes = createFakeActivities();
    const s = journeyScenario(env, fakes);
    await s.run(async () => {
      const { handle } = await s.start(burstJourney(4), leadEvent(1, 0, 'form_submit'));
      await eventually(() => expect(fakes.calls.sendEmail).toHaveLength(3));
      const deferred = await eventually(() => {
        const step = fakes.calls.recordStep.find((c) => c.input.detail.phase === 'deferred');
        expect(step).toBeDefined();
        return step!;
      });
      expect(deferred.input.nodeId).toBe('email-4');
      await env.sleep(23 * HOUR);
      expect(fakes.calls.sendEmail).toHaveLength(3);
      await env.sleep(HOUR + 60_000);
      await handle.result();
      const firstAt = fakes.calls.sendEmail[0]!.at;
      const until = Date.parse(String(deferred.input.detail.deferredUntil));
      expectAt(until, firstAt + DAY);
      expectAt(fakes.calls.sendEmail[3]?.at, until);
    });
  });
});
