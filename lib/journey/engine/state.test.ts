import { describe, expect, it } from 'vitest';
import { leadEvent } from './fixtures';
import { capOpensAt } from './nodes/email';
import { RECENT_EVENT_IDS, applyLeadEvent, createInitialState, eventSince } from './state';

const fresh = () => createInitialState({ workflowId: 'wf', leadId: 'l', journeyId: 'j', journeyVersion: 1, maxEmailsPer24h: 3 });

describe('applyLeadEvent', () => {
  it('ignores a redelivered event id', () => {
    const s = fresh();
    expect(applyLeadEvent(s, leadEvent(1, 10))).toBe(true);
    expect(applyLeadEvent(s, leadEvent(1, 10))).toBe(false);
    expect(s.eventsSeen).toBe(1);
  });

  it('takes score and stage from the highest seq even when events arrive out of order', () => {
    const s = fresh();
    applyLeadEvent(s, leadEvent(2, 50, 'visit_pricing'));
    applyLeadEvent(s, leadEvent(1, 25, 'email_click'));
    expect(s).toMatchObject({ score: 50, stage: 'engaged', lastAction: 'visit_pricing', eventsSeen: 2 });
  });

  it('drops an old seq whose id has fallen out of the dedupe ring', () => {
    const s = fresh();
    for (let i = 1; i <= RECENT_EVENT_IDS + 5; i++) applyLeadEvent(s, leadEvent(i, i));
    expect(applyLeadEvent(s, leadEvent(3, 3))).toBe(false);
    expect(applyLeadEvent(s, leadEvent(RECENT_EVENT_IDS + 6, 1))).toBe(true);
  });

  it('answers "an event of these types since"', () => {
    const s = fresh();
    applyLeadEvent(s, leadEvent(1, 5, 'email_open'));
    const since = s.eventsSeen;
    applyLeadEvent(s, leadEvent(2, 15, 'email_click'));
    expect(eventSince(s, [], since)).toBe(true);
    expect(eventSince(s, ['email_open'], since)).toBe(false);
    expect(eventSince(s, ['email_click'], since)).toBe(true);
  });
});

describe('capOpensAt', () => {
  it('opens when the oldest of the last three emails leaves the rolling 24 h window', () => {
    const s = fresh();
    const h = 3_600_000;
    s.emailLog = [0, 2 * h, 5 * h];
    expect(capOpensAt(s, 6 * h)).toBe(24 * h);
    expect(capOpensAt(s, 24 * h)).toBeNull();
    expect(s.emailLog).toEqual([2 * h, 5 * h]);
  });
});
