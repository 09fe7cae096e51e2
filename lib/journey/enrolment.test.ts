import { describe, expect, it } from 'vitest';
import { triggerConfig } from './definition';
import { decideEnrolment, meetsGoal, type EnrolmentCandidate, type LeadFacts, type PastRun } from './enrolment';

const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  id: 'l1',
  email: 'a@example.com',
  firstName: 'An',
  lastName: null,
  company: 'Acme',
  jobTitle: 'CTO',
  companySize: 50,
  properties: { country: 'VN' },
  score: 25,
  stage: 'warm',
  lifecycle: 'lead',
  lastAction: 'webinar_register',
  tags: [],
  archived: false,
  source: 'facebook_ads',
  ...over,
});
const journey = (journeyId: string, config: Record<string, unknown> = {}): EnrolmentCandidate => ({
  journeyId,
  version: 1,
  trigger: triggerConfig.parse({ on: 'event', eventType: 'webinar_register', ...config }),
});
const now = new Date('2026-03-10T10:00:00Z');
const past = (journeyId: string, active: boolean, daysAgo: number, priorityGroup: string | null = null): PastRun => ({
  journeyId,
  active,
  priorityGroup,
  startedAt: new Date(now.getTime() - daysAgo * 86_400_000),
});
const entered = (d: { enter: { journey: EnrolmentCandidate; entry: number }[] }) => d.enter.map((e) => `${e.journey.journeyId}#${e.entry}`);

describe('entry conditions', () => {
  const j = journey('j', { entry: { match: 'all', rules: [{ field: 'score', op: 'gte', value: 20 }, { field: 'source', op: 'eq', value: 'Facebook_Ads' }] } });
  it('lets in a lead that matches every rule', () => {
    expect(entered(decideEnrolment(lead(), [j], [], now))).toEqual(['j#1']);
  });
  it('keeps out a lead that fails one, and says why', () => {
    const d = decideEnrolment(lead({ score: 10 }), [j], [], now);
    expect(d.enter).toEqual([]);
    expect(d.skipped).toEqual([{ journeyId: 'j', reason: 'entry_conditions' }]);
  });
  it('reads stage, lifecycle and lead fields, with any-of matching', () => {
    const any = journey('j', { entry: { match: 'any', rules: [{ field: 'stage', op: 'eq', value: 'hot' }, { field: 'lead.jobTitle', op: 'contains', value: 'cto' }] } });
    expect(entered(decideEnrolment(lead(), [any], [], now))).toEqual(['j#1']);
    expect(entered(decideEnrolment(lead({ jobTitle: 'Intern' }), [any], [], now))).toEqual([]);
  });
});

describe('re-entry', () => {
  it('never: a lead that was in the journey once stays out', () => {
    expect(decideEnrolment(lead(), [journey('j')], [past('j', false, 400)], now).skipped[0]?.reason).toBe('reentry_never');
  });
  it('after N days: counted from the last entry', () => {
    const j = journey('j', { reentry: { mode: 'after', days: 30 } });
    expect(decideEnrolment(lead(), [j], [past('j', false, 29)], now).skipped[0]?.reason).toBe('reentry_too_soon');
    expect(entered(decideEnrolment(lead(), [j], [past('j', false, 31), past('j', false, 90)], now))).toEqual(['j#3']);
  });
  it('always: again, but never while still running in it', () => {
    const j = journey('j', { reentry: { mode: 'always' } });
    expect(entered(decideEnrolment(lead(), [j], [past('j', false, 0)], now))).toEqual(['j#2']);
    expect(decideEnrolment(lead(), [j], [past('j', true, 0)], now).skipped[0]?.reason).toBe('already_in_journey');
  });
});

describe('priority group', () => {
  const welcomeA = journey('a', { priorityGroup: 'Welcome', priority: 2 });
  const welcomeB = journey('b', { priorityGroup: 'welcome ', priority: 1 });
  const other = journey('c');
  it('one trigger, two journeys of a group: only the lower priority number enters; others are unaffected', () => {
    const d = decideEnrolment(lead(), [welcomeA, welcomeB, other], [], now);
    expect(entered(d).sort()).toEqual(['b#1', 'c#1']);
    expect(d.skipped).toEqual([{ journeyId: 'a', reason: 'priority_group' }]);
  });
  it('a lead running in a journey of the group enters no other one of it', () => {
    expect(entered(decideEnrolment(lead(), [welcomeB], [past('a', true, 1, 'welcome')], now))).toEqual([]);
    expect(entered(decideEnrolment(lead(), [welcomeB], [past('a', false, 1, 'welcome')], now))).toEqual(['b#1']);
  });
  it('a tie in priority is broken by journey id, the same in every process', () => {
    const x = journey('x', { priorityGroup: 'g' });
    const y = journey('y', { priorityGroup: 'g' });
    expect(entered(decideEnrolment(lead(), [y, x], [], now))).toEqual(['x#1']);
  });
});

describe('goal', () => {
  const opportunity = { on: 'lead', rules: [{ field: 'lifecycle', op: 'eq', value: 'opportunity' }] };
  it('a lead goal is met by the lead fields; an event goal by the event', () => {
    const j = journey('j', { goal: opportunity });
    expect(meetsGoal(j.trigger.goal, lead({ lifecycle: 'opportunity' }))).toBe(true);
    expect(meetsGoal(j.trigger.goal, lead())).toBe(false);
    const demo = journey('d', { goal: { on: 'event', eventType: 'schedule_demo' } });
    expect(meetsGoal(demo.trigger.goal, lead(), ['visit_pricing', 'schedule_demo'])).toBe(true);
    expect(meetsGoal(demo.trigger.goal, lead(), ['visit_pricing'])).toBe(false);
  });
  it('a lead that already meets the goal does not enter', () => {
    expect(decideEnrolment(lead({ lifecycle: 'opportunity' }), [journey('j', { goal: opportunity })], [], now).skipped[0]?.reason).toBe('goal_already_met');
  });
});
