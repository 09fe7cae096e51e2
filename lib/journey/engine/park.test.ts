import { describe, expect, it } from 'vitest';
import { defaultLikeJourney } from './fixtures';
import { indexDefinition } from './graph-index';
import { absorbs, parkSpec } from './park';
import { createInitialState } from './state';
import type { JourneyNode } from '../definition';

const def = defaultLikeJourney();
const index = indexDefinition(def);
const state = (sentNodes: string[]) => ({ ...createInitialState({ workflowId: 'wf', leadId: 'lead-1', journeyId: 'j', journeyVersion: 1, maxEmailsPer24h: 3 }), sentNodes });

describe('parkSpec / absorbs', () => {
  it('in the default journey a releasing event loops only while the score stays in a band whose email was already sent', () => {
    const spec = parkSpec(index, state(['email-a']), index.node('wait-a'), 1)!;
    expect(absorbs(spec, 'email_open', 5)).toEqual({ loop: true });
    expect(absorbs(spec, 'visit_pricing', 25)).toBeNull(); // warm: Email B is news
    expect(absorbs(spec, 'schedule_demo', 60)).toBeNull(); // hot: the journey hands off
    // Even with Email B sent, warm moves the run from wait-a on to wait-b; in wait-b, warm loops.
    expect(absorbs(parkSpec(index, state(['email-a', 'email-b']), index.node('wait-a'), 1)!, 'visit_pricing', 25)).toBeNull();
    expect(absorbs(parkSpec(index, state(['email-a', 'email-b']), index.node('wait-b'), 1)!, 'email_click', 30)).toEqual({ loop: true });
  });

  it('after the re-engage email nothing loops: wait-re-engage routes to score, whose bands lead to other waits', () => {
    const spec = parkSpec(index, state(['email-a', 're-engage']), index.node('wait-re-engage'), 1)!;
    expect(absorbs(spec, 'email_open', 5)).toBeNull();
  });

  it('a plain wait is released by no event, and a wait for some types holds every other type', () => {
    const wait: JourneyNode = { id: 'w', kind: 'wait', label: '', config: { duration: { amount: 1, unit: 'days' } } };
    expect(absorbs(parkSpec(index, state([]), wait, 1)!, 'schedule_demo', 90)).toEqual({ loop: false });
    const clicks: JourneyNode = { id: 'c', kind: 'wait_for_event', label: '', config: { eventTypes: ['email_click'], timeout: { amount: 3, unit: 'days' } } };
    const spec = parkSpec(index, state([]), clicks, 1)!;
    expect(absorbs(spec, 'email_open', 5)).toEqual({ loop: false });
    expect(absorbs(spec, 'email_click', 15)).toBeNull();
    expect(parkSpec(index, state([]), index.node('score'), 1)).toBeNull();
  });
});
