import { describe, expect, it } from 'vitest';
import { defaultLikeJourney } from './fixtures';
import { indexDefinition } from './graph-index';
import { absorbs, parkSpec } from './park';
import { createInitialState } from './state';
import type { JourneyDefinition, JourneyNode } from '../definition';

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

  it('through an A/B split an event loops only when every arm getting leads loops, since a declared winner may re-route the run', () => {
    const split = (armB: string): JourneyDefinition => ({
      schemaVersion: 1,
      name: 'split loop',
      nodes: [
        { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
        { id: 'w', kind: 'wait_for_event', label: '', config: { eventTypes: ['email_open'], timeout: { amount: 3, unit: 'days' } } },
        { id: 'split', kind: 'ab_split', label: '', config: { variants: [{ id: 'A', label: '', weight: 50 }, { id: 'B', label: '', weight: 50 }] } },
        { id: 'mail', kind: 'send_email', label: '', config: { template: 'x', variants: [], oncePerLead: false } },
        { id: 'done', kind: 'exit', label: '', config: { archive: false } },
      ],
      edges: [
        { id: 'e0', source: 'trigger', output: 'next', target: 'w' },
        { id: 'e1', source: 'w', output: 'event', target: 'split' },
        { id: 'e2', source: 'w', output: 'timeout', target: 'done' },
        { id: 'e3', source: 'split', output: 'A', target: 'w' },
        { id: 'e4', source: 'split', output: 'B', target: armB },
        { id: 'e5', source: 'mail', output: 'next', target: 'w' },
      ],
    });
    const both = indexDefinition(split('w'));
    expect(absorbs(parkSpec(both, state([]), both.node('w'), 1)!, 'email_open', 5)).toEqual({ loop: true });
    const oneMails = indexDefinition(split('mail'));
    // Whichever arm this lead was hashed into, arm B sends an email: the event must wake the run.
    expect(absorbs(parkSpec(oneMails, state([]), oneMails.node('w'), 1)!, 'email_open', 5)).toBeNull();
  });
});
