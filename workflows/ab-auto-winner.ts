/** The auto-winner runner: one durable run per A/B node set to pick its winner; it looks on a timer (or when the setting changes) until the decision says declare. */
import { condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { AbAutoWinnerActivities, AbAutoWinnerCheck, AbAutoWinnerWorkflowInput } from '../lib/journey/contract';
import { AB_AUTO_WINNER_SIGNAL } from '../lib/journey/contract';

export const abAutoWinnerChanged = defineSignal<[]>(AB_AUTO_WINNER_SIGNAL);
export const abAutoWinnerStateQuery = defineQuery<AbAutoWinnerState>('abAutoWinnerState');

export interface AbAutoWinnerState {
  checks: number;
  last: AbAutoWinnerCheck | null;
}

// A look is a few reads and at most one transaction: retry until it lands, backing off to a minute.
const acts = proxyActivities<AbAutoWinnerActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function abAutoWinnerWorkflow(input: AbAutoWinnerWorkflowInput): Promise<AbAutoWinnerState> {
  const state: AbAutoWinnerState = { checks: 0, last: null };
  let changed = false;
  setHandler(abAutoWinnerChanged, () => void (changed = true));
  setHandler(abAutoWinnerStateQuery, () => state);
  for (;;) {
    changed = false;
    const check = await acts.checkAutoWinner({ journeyId: input.journeyId, nodeId: input.nodeId, now: new Date().toISOString() });
    state.checks++;
    state.last = check;
    if (check.action !== 'wait') return state;
    // Sleep until the next look; a changed setting looks at once.
    await condition(() => changed, check.recheckInMs);
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof abAutoWinnerWorkflow>(input);
  }
}
