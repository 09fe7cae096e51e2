// Its own file and server: in the time-skipping test server, an abandoned child closing after its
// parent closed leaves a workflow task that never completes, which stops time skipping for every
// later test on that server. Production servers are unaffected.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultLikeJourney, leadEvent } from '../lib/journey/engine/fixtures';
import { acknowledgeSignal, type handoffSlaWorkflow } from './handoff-sla';
import { leadEventSignal } from './lead-journey';
import { LEAD_HOT, LEAD_SCORE, LEAD_STAGE } from './search-attributes';
import { createFakeActivities } from './testing/fake-activities';
import { atNode, createTestEnv, eventually, journeyScenario, templates } from './testing/harness';
import { handoffWorkflowId } from '../lib/journey/contract';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

it('sends Email A, then Email C, then hands off a lead climbing 10 → 50 → 70 (never Email B)', async () => {
  const fakes = createFakeActivities();
  const s = journeyScenario(env, fakes);
  await s.run(async () => {
    const { handle, leadId } = await s.start(defaultLikeJourney(), leadEvent(1, 10, 'email_open'));
    await atNode(handle, 'wait-a');
    await handle.signal(leadEventSignal, leadEvent(2, 50, 'visit_pricing'));
    await atNode(handle, 'wait-c');
    await handle.signal(leadEventSignal, leadEvent(3, 70, 'schedule_demo'));

    // Any result() call unlocks time skipping, and the child's 15-minute timer would fire: ack first.
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
    const childId = handoffWorkflowId(leadId, `h-${leadId}-1`);
    s.started.add(childId);
    const child = env.client.workflow.getHandle<typeof handoffSlaWorkflow>(childId);
    // The SLA child outlives the journey (abandon on parent close) and takes the owner's ack.
    expect((await child.describe()).status.name).toBe('RUNNING');
    await child.signal(acknowledgeSignal, { at: '2024-08-01T10:05:00.000Z', by: 'owner-1' });
    expect(await child.result()).toMatchObject({ status: 'acknowledged', reminded: false, acknowledgedAt: '2024-08-01T10:05:00.000Z' });
    expect(fakes.calls.recordAcknowledged).toHaveLength(1);

    expect(await handle.result()).toMatchObject({ status: 'completed', score: 70, stage: 'hot', lastNode: 'exit-handed-off' });
    expect(templates(fakes)).toEqual(['email-a-nurture', 'email-c-case-study']);
    expect(fakes.calls.updateLead.map((c) => c.input)).toEqual([{ leadId, workflowId: handle.workflowId, stage: 'hot', lifecycle: 'mql', addTags: [] }]);
    expect(fakes.calls.startHandoff).toHaveLength(1);
    expect(fakes.calls.startHandoff[0]!.input.reason).toContain("last_action = 'schedule_demo'");

    const sa = (await handle.describe()).typedSearchAttributes;
    expect([sa.get(LEAD_SCORE), sa.get(LEAD_STAGE), sa.get(LEAD_HOT)]).toEqual([70, 'hot', true]);
  });
});
