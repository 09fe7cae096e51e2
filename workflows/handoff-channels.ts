/** Hand-off notifications as one activity per channel, each with its own retry policy; a channel that gives up is recorded, never fatal. */
import { ActivityFailure, ApplicationFailure, isCancellation, patched, proxyActivities, TimeoutFailure, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { HandoffActivities, HandoffChannel, HandoffChannelEntry, HandoffNotificationKind } from '../lib/journey/contract';
import { channelsTaskQueue, isSalesTaskQueue } from '../lib/journey/contract';
import { CHANNELS_TASK_QUEUE } from '../lib/journey/engine/patches';

type ChannelActivities = Pick<HandoffActivities, 'notifyHandoffChannel'>;

const OPTIONS: Record<HandoffChannel, ActivityOptions> = {
  // Mail to the owner: the provider may throttle for minutes; a retry resends the same stored message with the same key.
  email: { startToCloseTimeout: '1 minute', retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 } },
  // Slack: fast or not at all; a 4xx other than 408/429 is permanent and not retried.
  slack: { startToCloseTimeout: '15 seconds', retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 } },
  // The CRM task: slow receivers are common, so a longer timeout and a longer tail.
  crm: { startToCloseTimeout: '30 seconds', retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 8 } },
};
const PROXY: Record<HandoffChannel, ChannelActivities> = {
  email: proxyActivities<ChannelActivities>(OPTIONS.email),
  slack: proxyActivities<ChannelActivities>(OPTIONS.slack),
  crm: proxyActivities<ChannelActivities>(OPTIONS.crm),
};

/** Slack and the CRM leave the sales queue for its channels queue, so a receiver that hangs never holds the owner's email or reminders. */
function proxyFor(channel: HandoffChannel): ChannelActivities {
  if (channel === 'email' || !patched(CHANNELS_TASK_QUEUE)) return PROXY[channel];
  const { taskQueue } = workflowInfo();
  if (!isSalesTaskQueue(taskQueue)) return PROXY[channel];
  return proxyActivities<ChannelActivities>({ ...OPTIONS[channel], taskQueue: channelsTaskQueue(taskQueue) });
}

const db = proxyActivities<Pick<HandoffActivities, 'recordHandoffChannel'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The CRM gets its "Call lead" task once, at assignment; reminders and escalations go to people. */
export function channelsFor(kind: HandoffNotificationKind): HandoffChannel[] {
  return kind === 'assigned' ? ['email', 'slack', 'crm'] : ['email', 'slack'];
}

/** A short reason for the lead page: "rejected 403", "timed out", or the failure's own message. */
export function failureDetail(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof TimeoutFailure) return 'timed out';
  if (cause instanceof ApplicationFailure) {
    const status = /answered (\d{3})/.exec(cause.message)?.[1];
    if (status) return cause.type === 'WebhookRejected' ? `rejected ${status}` : `failed ${status} after retries`;
    return cause.message;
  }
  return cause instanceof Error ? cause.message : String(cause);
}

/** Sends one notification on every channel side by side; resolves when each has landed or given up. */
export async function notifyChannels(handoffId: string, kind: HandoffNotificationKind): Promise<void> {
  const { workflowId } = workflowInfo();
  await Promise.all(
    channelsFor(kind).map(async (channel) => {
      try {
        await proxyFor(channel).notifyHandoffChannel({ handoffId, kind, channel, idempotencyKey: `${workflowId}:${kind}:${channel}` });
      } catch (err) {
        if (isCancellation(err)) throw err;
        const entry: HandoffChannelEntry = { kind, channel, status: 'failed', at: new Date().toISOString(), detail: failureDetail(err) };
        await db.recordHandoffChannel({ handoffId, entry });
      }
    }),
  );
}
