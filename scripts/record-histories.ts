/**
 * Records workflow histories for the replay test (workflows/histories/README.md):
 * `node --import tsx scripts/record-histories.ts [--workflows <dir>/workflows/index.ts] [--tag <tag>] [scenario …]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { abWinnerJourney, defaultLikeJourney, holdoutJourney, leadEvent } from '@/lib/journey/engine/fixtures';
import { channelsTaskQueue, FOLLOW_UP_SIGNAL, followUpWorkflowId, GOAL_REACHED_SIGNAL, handoffWorkflowId, journeyWorkflowId, type FollowUpWorkflowInput, type HandoffWorkflowInput, type JourneyWorkflowInput, salesTaskQueue } from '@/lib/journey/contract';
import { createFakeActivities, type FakeActivities } from '@/workflows/testing/fake-activities';
import { createTestEnv, eventually, uniqueId, WORKFLOWS_PATH } from '@/workflows/testing/harness';
import { ROOT } from './lib/tools';

const HISTORIES = path.join(ROOT, 'workflows', 'histories');
const MINUTE = 60_000;

interface Ctx {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  fakes: FakeActivities;
  /** Resolves the sendEmail gate: the next sends run. Until then every sendEmail attempt waits. */
  release: () => void;
  gated: { waiting: number };
}

type Scenario = (ctx: Ctx) => Promise<WorkflowHandle>;

const noop = () => {};
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

/** Waits until the workflow completed a task after the last signal, i.e. the signal handler ran. */
async function signalApplied(handle: WorkflowHandle): Promise<void> {
  await eventually(async () => {
    const events = (await handle.fetchHistory()).events ?? [];
    const signalled = events.findLastIndex((e) => e.workflowExecutionSignaledEventAttributes);
    if (signalled < 0 || !events.slice(signalled).some((e) => e.workflowTaskCompletedEventAttributes)) throw new Error('signal not applied yet');
  }, 30_000);
}

function journeyInput(leadId: string): JourneyWorkflowInput {
  return { version: 1, leadId, journeyId: 'default', journeyVersion: 1, definition: defaultLikeJourney(), settings: { maxEmailsPer24h: 3 } };
}

const scenarios: Record<string, { gate: boolean; run: Scenario }> = {
  /** An event lands while Email A is being sent; then the lead goes quiet until it is archived (day 14). */
  'journey-busy-event': {
    gate: true,
    async run({ env, taskQueue, release, gated }) {
      const leadId = uniqueId('lead');
      const handle = await env.client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: journeyWorkflowId(leadId, 'default'),
        taskQueue,
        args: [journeyInput(leadId)],
        signal: 'leadEvent',
        signalArgs: [leadEvent(1, 0, 'form_submit')],
      });
      await eventually(() => {
        if (gated.waiting < 1) throw new Error('Email A not in flight yet');
      }, 30_000);
      log('email A in flight');
      await handle.signal('leadEvent', leadEvent(2, 50, 'visit_pricing'));
      await signalApplied(handle);
      log('signal applied');
      release();
      await handle.result();
      return handle;
    },
  },
  /** A lead climbs 10 → 50 → 70 and the journey hands it off (its SLA child started), then exits. */
  'journey-hot-handoff': {
    gate: false,
    async run({ env, taskQueue }) {
      const leadId = uniqueId('lead');
      const handle = await env.client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: journeyWorkflowId(leadId, 'default'),
        taskQueue,
        args: [journeyInput(leadId)],
        signal: 'leadEvent',
        signalArgs: [leadEvent(1, 10, 'email_open')],
      });
      for (const [seq, score, type] of [[2, 50, 'visit_pricing'], [3, 70, 'schedule_demo']] as const) {
        await signalApplied(handle);
        await handle.signal('leadEvent', leadEvent(seq, score, type));
      }
      await handle.result();
      // The abandoned SLA child would outlive the recording (and, on the sales queue, nobody polls it here).
      await env.client.workflow.getHandle(handoffWorkflowId(leadId, `h-${leadId}-1`)).terminate('recorded').catch(() => undefined);
      return handle;
    },
  },
  /** A lead opens Email A, waits in the 7-day wait; on day 2 ingestion says it met the journey goal (booked a demo). */
  'journey-goal-reached': {
    gate: false,
    async run({ env, taskQueue }) {
      const leadId = uniqueId('goal-lead');
      const handle = await env.client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: journeyWorkflowId(leadId, 'default'),
        taskQueue,
        args: [journeyInput(leadId)],
        signal: 'leadEvent',
        signalArgs: [leadEvent(1, 5, 'email_open')],
      });
      await signalApplied(handle);
      await env.sleep(2 * 1440 * MINUTE);
      await handle.signal(GOAL_REACHED_SIGNAL, { at: '2024-08-03T10:00:00.000Z', reason: 'Booked a demo' });
      await handle.result();
      return handle;
    },
  },
  /** Three emails: one holds the lead out (no email, the holdout arm), one sends, one is an A/B with a holdout; then the journey ends. */
  'journey-holdout': {
    gate: false,
    async run({ env, taskQueue }) {
      const leadId = uniqueId('holdout-lead');
      const handle = await env.client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: journeyWorkflowId(leadId, 'holdout'),
        taskQueue,
        args: [{ ...journeyInput(leadId), journeyId: 'holdout', definition: holdoutJourney() }],
        signal: 'leadEvent',
        signalArgs: [leadEvent(1, 0, 'form_submit')],
      });
      await handle.result();
      return handle;
    },
  },
  /** A lead turns hot and the journey's own "Flag as hot" step meets the journey goal (reached the hot stage): patched, the run ends there. */
  'journey-update-lead-goal': {
    gate: false,
    async run({ env, taskQueue }) {
      const leadId = uniqueId('selfgoal-lead');
      const handle = await env.client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: journeyWorkflowId(leadId, 'default'),
        taskQueue,
        args: [journeyInput(leadId)],
        signal: 'leadEvent',
        signalArgs: [leadEvent(1, 70, 'schedule_demo')],
      });
      await handle.result();
      // Unpatched, the run hands off: its abandoned SLA child would outlive the recording.
      await env.client.workflow.getHandle(handoffWorkflowId(leadId, `h-${leadId}-1`)).terminate('recorded').catch(() => undefined);
      return handle;
    },
  },
  /** A lead goes through an A/B split and an A/B email (patched: each asks for a declared winner first; the fakes have none). */
  'journey-ab-winner': {
    gate: false,
    async run({ env, taskQueue }) {
      const leadId = uniqueId('ab-lead');
      const handle = await env.client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: journeyWorkflowId(leadId, 'ab'),
        taskQueue,
        args: [{ ...journeyInput(leadId), journeyId: 'ab', definition: abWinnerJourney() }],
        signal: 'leadEvent',
        signalArgs: [leadEvent(1, 0, 'form_submit')],
      });
      await handle.result();
      return handle;
    },
  },
  /** A lead turns hot but no sales owner can take it: NoOwner is permanent, so the run fails (and, patched, says so). */
  'journey-no-owner': {
    gate: false,
    async run({ env, taskQueue }) {
      const leadId = uniqueId('noowner-lead');
      const handle = await env.client.workflow.signalWithStart('leadJourneyWorkflow', {
        workflowId: journeyWorkflowId(leadId, 'default'),
        taskQueue,
        args: [journeyInput(leadId)],
        signal: 'leadEvent',
        signalArgs: [leadEvent(1, 70, 'schedule_demo')],
      });
      await handle.result().catch(() => undefined);
      return handle;
    },
  },
  /** The hand-off SLA with nobody acknowledging: first notification, reminder at 15 min, escalation at 30, late-ack window. */
  'sla-unacknowledged': {
    gate: false,
    async run({ env, taskQueue }) {
      const input: HandoffWorkflowInput = { version: 1, handoffId: uniqueId('h'), leadId: uniqueId('lead'), slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: true, notify: true };
      const handle = await env.client.workflow.start('handoffSlaWorkflow', { workflowId: handoffWorkflowId(input.leadId, input.handoffId), taskQueue, args: [input] });
      await handle.result();
      return handle;
    },
  },
  /** The owner acknowledges five minutes in: no reminder. */
  'sla-acknowledged': {
    gate: false,
    async run({ env, taskQueue, fakes }) {
      const input: HandoffWorkflowInput = { version: 1, handoffId: uniqueId('h'), leadId: uniqueId('lead'), slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false, notify: true };
      const handle = await env.client.workflow.start('handoffSlaWorkflow', { workflowId: handoffWorkflowId(input.leadId, input.handoffId), taskQueue, args: [input] });
      await eventually(() => {
        if (fakes.calls.notifyHandoff.length + fakes.calls.notifyHandoffChannel.length < 1) throw new Error('not notified yet');
      }, 30_000);
      await env.sleep(5 * MINUTE);
      await handle.signal('acknowledge', { at: '2024-08-01T10:05:00.000Z', by: 'john.doe' });
      await handle.result();
      return handle;
    },
  },
  /** A rep sets a follow-up in two days, moves it to five, and is reminded then. */
  'follow-up-moved': {
    gate: false,
    async run({ env, taskQueue }) {
      const input: FollowUpWorkflowInput = { version: 1, leadId: uniqueId('lead') };
      const at = (ms: number) => ({ dueAt: new Date(ms).toISOString() });
      const start = await env.currentTimeMs();
      const options = { workflowId: followUpWorkflowId(input.leadId), taskQueue, args: [input], signal: FOLLOW_UP_SIGNAL };
      const handle = await env.client.workflow.signalWithStart('followUpReminderWorkflow', { ...options, signalArgs: [at(start + 2 * 1440 * MINUTE)] });
      await signalApplied(handle);
      await env.sleep(1440 * MINUTE);
      await env.client.workflow.signalWithStart('followUpReminderWorkflow', { ...options, signalArgs: [at(start + 5 * 1440 * MINUTE)] });
      await handle.result();
      return handle;
    },
  },
};

const log = (...a: unknown[]) => { if (process.env.RECORD_VERBOSE) console.log('[record]', ...a); };

async function record(env: TestWorkflowEnvironment, workflowsPath: string, name: string, tag: string): Promise<string> {
  const scenario = scenarios[name];
  if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
  const fakes = createFakeActivities();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const gated = { waiting: 0 };
  const activities = {
    ...fakes.activities,
    async sendEmail(input: Parameters<FakeActivities['activities']['sendEmail']>[0]) {
      if (scenario.gate) {
        gated.waiting += 1;
        await gate;
      }
      return fakes.activities.sendEmail(input);
    },
  };
  // Hand-off SLAs run on the sales queue as in the worker process, with Slack and CRM calls on its channels queue.
  const taskQueue = name.startsWith('sla-') ? salesTaskQueue(uniqueId('record')) : uniqueId('record');
  log('bundling', workflowsPath);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await bundleWorkflowCode({ workflowsPath, logger: quietLogger }),
    activities,
  });
  const channels = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: channelsTaskQueue(taskQueue), activities });
  log('running', name);
  // A failed scenario must not leave a send parked on the gate: the worker would never finish draining.
  const handle = await channels.runUntil(worker.runUntil(scenario.run({ env, taskQueue, fakes, release: open, gated }).finally(open)));
  const file = path.join(HISTORIES, `${name}${tag ? `.${tag}` : ''}.json`);
  await writeFile(file, `${historyToJSON(await handle.fetchHistory())}\n`);
  return file;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { workflows: { type: 'string', default: WORKFLOWS_PATH }, tag: { type: 'string', default: '' } },
  });
  const names = positionals.length ? positionals : Object.keys(scenarios);
  await mkdir(HISTORIES, { recursive: true });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await createTestEnv();
  try {
    for (const name of names) console.log(`recorded ${path.relative(ROOT, await record(env, path.resolve(values.workflows), name, values.tag))}`);
  } finally {
    await env.teardown();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
