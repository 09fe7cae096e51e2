/** In-memory activity fakes for workflow tests: they behave like the real ones (idempotency keys) and record every call with workflow time. */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Activities, HandoffChannelEntry, LeadSnapshot, NotifyChannelInput, SendEmailInput, StepInput } from '../../lib/journey/contract';

export interface Call<I> {
  input: I;
  /** Server time the attempt was scheduled at: under time skipping, the workflow's clock. */
  at: number;
}

export interface FakeOptions {
  /** handoff ids the database already shows as acknowledged (remind/escalate then report acknowledged). */
  acknowledgedInDb?: Set<string>;
  lead?: Partial<LeadSnapshot>;
  /** A channel answers like this; e.g. Slack's 403 as postSigned reports it (non-retryable). */
  channelFailure?: (input: NotifyChannelInput) => Error | null;
  /** The first N attempts of every side-effecting activity fail retryably, as while Postgres restarts; each is recorded in `outages`. */
  unavailableAttempts?: number;
}

function attempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

function scheduledAt(): number {
  try {
    return Context.current().info.currentAttemptScheduledTimestampMs;
  } catch {
    return Number.NaN;
  }
}

export function createFakeActivities(opts: FakeOptions = {}) {
  const calls = {
    recordStep: [] as Call<StepInput>[],
    recordSteps: [] as Call<Parameters<Activities['recordSteps']>[0]>[],
    sendEmail: [] as Call<SendEmailInput>[],
    startHandoff: [] as Call<Parameters<Activities['startHandoff']>[0]>[],
    updateLead: [] as Call<Parameters<Activities['updateLead']>[0]>[],
    callWebhook: [] as Call<Parameters<Activities['callWebhook']>[0]>[],
    syncRun: [] as Call<Parameters<Activities['syncRun']>[0]>[],
    notifyHandoff: [] as Call<{ handoffId: string }>[],
    remindHandoff: [] as Call<{ handoffId: string }>[],
    escalateHandoff: [] as Call<{ handoffId: string; reassign: boolean }>[],
    recordAcknowledged: [] as Call<{ handoffId: string; at: string }>[],
    notifyHandoffChannel: [] as Call<NotifyChannelInput>[],
    recordHandoffChannel: [] as Call<{ handoffId: string; entry: HandoffChannelEntry }>[],
    markHandoffReminded: [] as Call<{ handoffId: string }>[],
    reassignHandoff: [] as Call<{ handoffId: string; reassign: boolean }>[],
    remindFollowUp: [] as Call<Parameters<Activities['remindFollowUp']>[0]>[],
  };
  const remindedFollowUps = new Set<string>();
  const notifiedKeys = new Set<string>();
  const sentKeys = new Set<string>();
  const handoffsByKey = new Map<string, string>();
  const acknowledged = opts.acknowledgedInDb ?? new Set<string>();
  const outages: { activity: string; key: string; attempt: number }[] = [];
  const unavailable = (activity: string, key: string) => {
    if (attempt() > (opts.unavailableAttempts ?? 0)) return;
    outages.push({ activity, key, attempt: attempt() });
    throw ApplicationFailure.retryable('connect ECONNREFUSED 127.0.0.1:5432', 'Error');
  };

  const activities: Activities & { notifyHandoff(input: { handoffId: string }): Promise<void> } = {
    async recordStep(input) {
      calls.recordStep.push({ input, at: scheduledAt() });
    },
    // One batched write reads, to the tests, as the records and position sync it stands for.
    async recordSteps({ workflowId, steps, run }) {
      for (const input of steps) calls.recordStep.push({ input, at: scheduledAt() });
      if (run) calls.syncRun.push({ input: { workflowId, ...run }, at: scheduledAt() });
      calls.recordSteps.push({ input: { workflowId, steps, run }, at: scheduledAt() });
    },
    // Nothing ingests into these tests: a parked run never has held events.
    async unpark() {
      return [];
    },
    // No A/B test here has a declared winner: every lead gets its weighted pick.
    async abWinner() {
      return { variantId: null };
    },
    // The auto-winner runner has its own test against Postgres (ab-auto-winner.test.ts).
    async checkAutoWinner() {
      return { action: 'stop', reason: 'not under test' };
    },
    async loadLead({ leadId }) {
      // Like the real activity for a deleted lead: a permanent failure the run cannot get past.
      if (leadId.startsWith('missing-')) throw ApplicationFailure.nonRetryable(`lead ${leadId} not found`, 'LeadNotFound');
      return {
        id: leadId,
        email: `${leadId}@example.com`,
        firstName: 'Test',
        lastName: null,
        company: null,
        jobTitle: null,
        companySize: null,
        properties: {},
        score: 0,
        stage: 'cold',
        lifecycle: 'lead',
        lastAction: null,
        tags: [],
        archived: false,
        ...opts.lead,
      };
    },
    async sendEmail(input) {
      unavailable('sendEmail', input.idempotencyKey);
      // Like the real activity: the idempotency key makes a retried send a no-op.
      if (sentKeys.has(input.idempotencyKey)) return { status: 'skipped', reason: 'already_sent' };
      sentKeys.add(input.idempotencyKey);
      calls.sendEmail.push({ input, at: scheduledAt() });
      return { status: 'sent', messageId: `msg-${calls.sendEmail.length}`, providerId: 'fake' };
    },
    async startHandoff(input) {
      // Like the real activity when no sales owner can take the lead: permanent, so the run fails.
      if (input.leadId.startsWith('noowner-')) throw ApplicationFailure.nonRetryable('no active sales owner to hand the lead to', 'NoOwner');
      const existing = handoffsByKey.get(input.requestKey);
      if (existing) return { handoffId: existing, ownerId: 'owner-1', created: false };
      calls.startHandoff.push({ input, at: scheduledAt() });
      const handoffId = `h-${input.leadId}-${calls.startHandoff.length}`;
      handoffsByKey.set(input.requestKey, handoffId);
      return { handoffId, ownerId: 'owner-1', created: true };
    },
    async updateLead(input) {
      calls.updateLead.push({ input, at: scheduledAt() });
      // Like the real activity when the update meets the run's own journey goal (e.g. "Reached the hot stage").
      if (input.leadId.startsWith('selfgoal-') && (input.stage || input.lifecycle)) return { goal: { at: '2024-08-01T10:00:00.000Z', reason: 'Reached the hot stage' } };
      return {};
    },
    async callWebhook(input) {
      calls.callWebhook.push({ input, at: scheduledAt() });
      return { status: 200 };
    },
    async syncRun(input) {
      calls.syncRun.push({ input, at: scheduledAt() });
    },
    async notifyHandoff(input) {
      calls.notifyHandoff.push({ input, at: scheduledAt() });
    },
    async remindFollowUp(input) {
      // Like the real activity: one reminder per date, however often it is retried.
      if (remindedFollowUps.has(input.idempotencyKey)) return { status: 'skipped', reason: 'already_reminded' };
      remindedFollowUps.add(input.idempotencyKey);
      calls.remindFollowUp.push({ input, at: scheduledAt() });
      return { status: 'sent', to: 'owner@example.com' };
    },
    async remindHandoff(input) {
      if (acknowledged.has(input.handoffId)) return { acknowledged: true };
      calls.remindHandoff.push({ input, at: scheduledAt() });
      return { acknowledged: false };
    },
    async escalateHandoff(input) {
      if (acknowledged.has(input.handoffId)) return { acknowledged: true, newOwnerId: null };
      calls.escalateHandoff.push({ input, at: scheduledAt() });
      return { acknowledged: false, newOwnerId: input.reassign ? 'owner-2' : null };
    },
    async recordAcknowledged(input) {
      calls.recordAcknowledged.push({ input, at: scheduledAt() });
    },
    async handoffAcknowledged({ handoffId }) {
      return acknowledged.has(handoffId);
    },
    async notifyHandoffChannel(input) {
      unavailable('notifyHandoffChannel', input.idempotencyKey);
      const failure = opts.channelFailure?.(input);
      if (failure) throw failure;
      // Like the real channels: the idempotency key makes a retried notification a no-op.
      if (!notifiedKeys.has(input.idempotencyKey)) calls.notifyHandoffChannel.push({ input, at: scheduledAt() });
      notifiedKeys.add(input.idempotencyKey);
      return { kind: input.kind, channel: input.channel, status: 'sent', at: new Date(scheduledAt()).toISOString() };
    },
    async recordHandoffChannel(input) {
      calls.recordHandoffChannel.push({ input, at: scheduledAt() });
    },
    async markHandoffReminded(input) {
      unavailable('markHandoffReminded', input.handoffId);
      calls.markHandoffReminded.push({ input, at: scheduledAt() });
    },
    async reassignHandoff(input) {
      unavailable('reassignHandoff', input.handoffId);
      calls.reassignHandoff.push({ input, at: scheduledAt() });
      return { newOwnerId: input.reassign ? 'owner-2' : null };
    },
  };
  return { activities, calls, outages };
}

export type FakeActivities = ReturnType<typeof createFakeActivities>;

/** Slack refusing the webhook, as postSigned reports a 403: permanent, so Temporal does not retry it. */
export const slackRejects403 = (input: NotifyChannelInput): Error | null =>
  input.channel === 'slack' ? ApplicationFailure.nonRetryable('webhook https://hooks.slack.com answered 403', 'WebhookRejected') : null;

/** The notifications one kind of step sent, per channel. */
export const notified = (fakes: FakeActivities, kind: NotifyChannelInput['kind']) => fakes.calls.notifyHandoffChannel.filter((c) => c.input.kind === kind);
