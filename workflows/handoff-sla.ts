/** The hand-off SLA: remind the owner at slaMinutes, escalate at escalationMinutes, stop as soon as the lead is acknowledged. */
import { condition, defineQuery, defineSignal, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { HandoffActivities } from '../lib/journey/contract';
import { ACKNOWLEDGE_SIGNAL, type AcknowledgeSignal, type HandoffNotificationKind, type HandoffWorkflowInput } from '../lib/journey/contract';
import { SLA_CHANNEL_ACTIVITIES } from '../lib/journey/engine/patches';
import { notifyChannels } from './handoff-channels';

export const acknowledgeSignal = defineSignal<[AcknowledgeSignal]>(ACKNOWLEDGE_SIGNAL);
export const handoffStateQuery = defineQuery<HandoffOutcome>('handoffState');

/** The worker also registers notifyHandoff (first notification for hand-offs started by POST /api/handoff). */
type SlaActivities = HandoffActivities & { notifyHandoff(input: { handoffId: string }): Promise<void> };

export interface HandoffOutcome {
  status: 'waiting' | 'acknowledged' | 'unacknowledged';
  reminded: boolean;
  escalated: boolean;
  newOwnerId: string | null;
  acknowledgedAt: string | null;
}

/** After escalation an acknowledgement is still recorded if it comes within this window; then the run ends. */
const LATE_ACK_WINDOW_MS = 7 * 86_400_000;

// Notifications and DB writes must land: retry until they do, backing off to a minute.
const acts = proxyActivities<SlaActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function handoffSlaWorkflow(input: HandoffWorkflowInput): Promise<HandoffOutcome> {
  const outcome: HandoffOutcome = { status: 'waiting', reminded: false, escalated: false, newOwnerId: null, acknowledgedAt: null };
  const ack: { signal: AcknowledgeSignal | null } = { signal: null };
  setHandler(acknowledgeSignal, (signal) => {
    ack.signal ??= signal;
  });
  setHandler(handoffStateQuery, () => outcome);

  // Deadlines count from the hand-off's start, not from whenever the previous step finished.
  const start = workflowInfo().runStartTime.getTime();
  const acked = () => ack.signal !== null;
  const ackWithin = async (deadline: number): Promise<boolean> => {
    const remaining = deadline - Date.now();
    return remaining > 0 ? condition(acked, remaining) : acked();
  };
  const finishAcknowledged = async (): Promise<HandoffOutcome> => {
    const at = ack.signal?.at ?? new Date().toISOString();
    await acts.recordAcknowledged({ handoffId: input.handoffId, at });
    return Object.assign(outcome, { status: 'acknowledged', acknowledgedAt: at } as const);
  };
  const slaAt = start + input.slaMinutes * 60_000;
  const escalateAt = start + Math.max(input.escalationMinutes, input.slaMinutes) * 60_000;

  // One activity per channel: a Slack 403 or a slow CRM is recorded on the hand-off and the timers go on.
  if (patched(SLA_CHANNEL_ACTIVITIES)) {
    const inFlight: Promise<void>[] = [];
    const notify = (kind: HandoffNotificationKind) => inFlight.push(notifyChannels(input.handoffId, kind));
    // Channels still retrying must land (or give up) before the run closes, whatever the outcome.
    const settle = async (result: HandoffOutcome) => {
      await Promise.all(inFlight);
      return result;
    };
    const ackedInDb = () => acts.handoffAcknowledged({ handoffId: input.handoffId });

    if (input.notify) notify('assigned');
    if (await ackWithin(slaAt)) return settle(await finishAcknowledged());
    if (await ackedInDb()) return settle(Object.assign(outcome, { status: 'acknowledged' } as const));
    notify('reminder');
    await acts.markHandoffReminded({ handoffId: input.handoffId });
    outcome.reminded = true;

    if (await ackWithin(escalateAt)) return settle(await finishAcknowledged());
    if (await ackedInDb()) return settle(Object.assign(outcome, { status: 'acknowledged' } as const));
    // The escalation names the owner who let it lapse, so it goes out before the hand-off moves on.
    await notifyChannels(input.handoffId, 'escalation');
    const { newOwnerId } = await acts.reassignHandoff({ handoffId: input.handoffId, reassign: input.reassignOnEscalation });
    Object.assign(outcome, { escalated: true, newOwnerId });

    if (await ackWithin(Date.now() + LATE_ACK_WINDOW_MS)) return settle(await finishAcknowledged());
    return settle(Object.assign(outcome, { status: 'unacknowledged' } as const));
  }

  if (input.notify) await acts.notifyHandoff({ handoffId: input.handoffId });

  if (await ackWithin(slaAt)) return finishAcknowledged();
  const reminder = await acts.remindHandoff({ handoffId: input.handoffId });
  // The database already shows an acknowledgement (e.g. made in the CRM): it was recorded there.
  if (reminder.acknowledged) return Object.assign(outcome, { status: 'acknowledged' } as const);
  outcome.reminded = true;

  if (await ackWithin(escalateAt)) return finishAcknowledged();
  const escalation = await acts.escalateHandoff({ handoffId: input.handoffId, reassign: input.reassignOnEscalation });
  if (escalation.acknowledged) return Object.assign(outcome, { status: 'acknowledged' } as const);
  Object.assign(outcome, { escalated: true, newOwnerId: escalation.newOwnerId });

  if (await ackWithin(Date.now() + LATE_ACK_WINDOW_MS)) return finishAcknowledged();
  return Object.assign(outcome, { status: 'unacknowledged' } as const);
}
