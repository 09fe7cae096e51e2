/** A lead's next follow-up date: one durable timer per lead that reminds its owner when the date comes; a new date moves it, a cleared one ends it. */
import { condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { FollowUpActivities, FollowUpReminder, FollowUpSignal, FollowUpWorkflowInput } from '../lib/journey/contract';
import { FOLLOW_UP_SIGNAL } from '../lib/journey/contract';

export const followUpSignal = defineSignal<[FollowUpSignal]>(FOLLOW_UP_SIGNAL);
export const followUpStateQuery = defineQuery<FollowUpState>('followUpState');

export interface FollowUpState {
  dueAt: string | null;
  reminders: { dueAt: string; result: FollowUpReminder }[];
}

// The reminder must land: retry until it does, backing off to a minute (the activity is idempotent on its key).
const acts = proxyActivities<FollowUpActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function followUpReminderWorkflow(input: FollowUpWorkflowInput): Promise<FollowUpState> {
  const state: FollowUpState = { dueAt: input.dueAt ?? null, reminders: [] };
  let changed = false;
  let signalled = false;
  setHandler(followUpSignal, (s) => {
    state.dueAt = s.dueAt;
    changed = true;
    signalled = true;
  });
  setHandler(followUpStateQuery, () => state);

  // A fresh run learns its date from the signal it was started with; a continued run carries it.
  if (input.dueAt === undefined) await condition(() => signalled);
  for (;;) {
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof followUpReminderWorkflow>({ version: 1, leadId: input.leadId, dueAt: state.dueAt });
    changed = false;
    const dueAt = state.dueAt;
    if (dueAt === null) return state;
    const wait = Date.parse(dueAt) - Date.now();
    // A new or cleared date while waiting: start over with it.
    if (wait > 0 && (await condition(() => changed, wait))) continue;
    const result = await acts.remindFollowUp({ leadId: input.leadId, dueAt, idempotencyKey: `${workflowInfo().workflowId}:${dueAt}` });
    state.reminders.push({ dueAt, result });
    // A date set while the reminder went out gets its own turn; otherwise the run is done until the next date starts one.
    if (!changed) return state;
  }
}
