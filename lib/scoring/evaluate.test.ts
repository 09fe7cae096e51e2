import { describe, expect, it } from 'vitest';
import { explainScore, fitPoints, matchesCondition, pointsForEvent, scoreLead } from './evaluate';
import { DEFAULT_SCORING_RULES, type ScoringRule } from './rules';
import { stageFor } from './stages';

const rules = DEFAULT_SCORING_RULES;
const ev = (id: string, type: string) => ({ id, type });

describe('pointsForEvent', () => {
  it('scores the first email open once per lead', () => {
    expect(pointsForEvent(rules, { type: 'email_open' }, {}).points).toBe(5);
    expect(pointsForEvent(rules, { type: 'email_open' }, { email_open: 1 })).toEqual({ points: 0, applied: [] });
  });

  it('scores repeatable actions every time', () => {
    expect(pointsForEvent(rules, { type: 'email_click' }, { email_click: 3 }).points).toBe(10);
  });

  it('names the rules that applied', () => {
    expect(pointsForEvent(rules, { type: 'visit_pricing' }, {}).applied).toEqual([{ ruleKey: 'visit-pricing', ruleName: 'Visited the pricing page', points: 25 }]);
  });

  it('ignores inactive rules and unknown event types', () => {
    const off: ScoringRule[] = rules.map((r) => (r.eventType === 'schedule_demo' ? { ...r, active: false } : r));
    expect(pointsForEvent(off, { type: 'schedule_demo' }, {}).points).toBe(0);
    expect(pointsForEvent(rules, { type: 'page_view' }, {}).points).toBe(0);
  });

  it('applies negative points for opt-outs and complaints', () => {
    expect(pointsForEvent(rules, { type: 'unsubscribe' }, {}).points).toBe(-20);
    expect(pointsForEvent(rules, { type: 'spam_complaint' }, {}).points).toBe(-50);
  });

  it('sums several rules on the same event type and carries the rule id', () => {
    const extra: ScoringRule = { id: 'r-1', name: 'Bonus', kind: 'event', eventType: 'email_click', points: 2, oncePerLead: false, active: true };
    const result = pointsForEvent([...rules, extra], { type: 'email_click' }, {});
    expect(result.points).toBe(12);
    expect(result.applied[1]).toEqual({ ruleId: 'r-1', ruleName: 'Bonus', points: 2 });
  });
});

describe('fitPoints', () => {
  it('gives decision makers and larger companies fit points', () => {
    expect(fitPoints(rules, { jobTitle: 'Head of Marketing', companySize: 120 }).points).toBe(15);
    expect(fitPoints(rules, { jobTitle: 'SVP Sales', companySize: 49 }).points).toBe(10);
    expect(fitPoints(rules, { jobTitle: 'Intern', companySize: 50 }).points).toBe(5);
    expect(fitPoints(rules, { jobTitle: null, companySize: null }).points).toBe(0);
    expect(fitPoints(rules, {}).applied).toEqual([]);
  });

  it('matches each operator, case-insensitively for text and numerically for numbers', () => {
    const lead = { company: 'Acme Ltd', companySize: 200, source: 'facebook_ads', properties: { industry: 'SaaS', seats: '40', tools: ['hubspot'] } };
    expect(matchesCondition({ field: 'company', op: 'eq', value: 'acme ltd' }, lead)).toBe(true);
    expect(matchesCondition({ field: 'source', op: 'in', value: ['google_ads', 'facebook_ads'] }, lead)).toBe(true);
    expect(matchesCondition({ field: 'source', op: 'in', value: ['google_ads'] }, lead)).toBe(false);
    expect(matchesCondition({ field: 'properties.industry', op: 'contains', value: 'saa' }, lead)).toBe(true);
    expect(matchesCondition({ field: 'properties.seats', op: 'gte', value: 40 }, lead)).toBe(true);
    expect(matchesCondition({ field: 'properties.seats', op: 'lte', value: 39 }, lead)).toBe(false);
    expect(matchesCondition({ field: 'companySize', op: 'eq', value: 200 }, lead)).toBe(true);
    expect(matchesCondition({ field: 'properties.tools', op: 'contains', value: 'HubSpot' }, lead)).toBe(true);
    expect(matchesCondition({ field: 'properties.missing', op: 'lte', value: 10 }, lead)).toBe(false);
    expect(matchesCondition({ field: 'company', op: 'gte', value: 10 }, lead)).toBe(false);
  });
});

describe('scoreLead', () => {
  it('climbs 10 → 50 → 70 and turns hot on the way', () => {
    const events = [ev('1', 'email_click'), ev('2', 'visit_pricing'), ev('3', 'download_whitepaper'), ev('4', 'webinar_register')];
    const lead = { jobTitle: 'Engineer', companySize: 10 };
    const at = (n: number) => scoreLead(rules, lead, events.slice(0, n)).score;
    expect([at(1), at(3), at(4)]).toEqual([10, 50, 70]);
    expect([stageFor(at(1)), stageFor(at(3)), stageFor(at(4))]).toEqual(['cold', 'engaged', 'hot']);
  });

  it('adds the first open once and fit points on top', () => {
    const events = [ev('1', 'email_open'), ev('2', 'email_open'), ev('3', 'email_open'), ev('4', 'schedule_demo')];
    expect(scoreLead(rules, {}, events).score).toBe(35);
    expect(scoreLead(rules, { jobTitle: 'Co-founder', companySize: 60 }, events).score).toBe(50);
  });

  it('counts an event delivered twice (same id) once', () => {
    const once = scoreLead(rules, {}, [ev('a', 'webinar_register'), ev('b', 'visit_pricing')]);
    const twice = scoreLead(rules, {}, [ev('a', 'webinar_register'), ev('a', 'webinar_register'), ev('b', 'visit_pricing'), ev('b', 'visit_pricing')]);
    expect(twice.score).toBe(45);
    expect(twice.score).toBe(once.score);
    expect(twice.breakdown.duplicatesIgnored).toBe(2);
    expect(twice.breakdown.events.map((e) => e.eventId)).toEqual(['a', 'b']);
  });

  it('lets negatives pull a lead down, below zero if need be', () => {
    expect(scoreLead(rules, {}, [ev('1', 'email_click'), ev('2', 'unsubscribe')]).score).toBe(-10);
    expect(scoreLead(rules, { jobTitle: 'VP Marketing' }, [ev('1', 'visit_pricing'), ev('2', 'visit_pricing'), ev('3', 'spam_complaint')]).score).toBe(10);
  });

  it('explains the score per rule, fit first, with counts', () => {
    const result = scoreLead(rules, { jobTitle: 'Director', companySize: 80 }, [ev('1', 'email_click'), ev('2', 'email_click'), ev('3', 'email_open')]);
    expect(result.score).toBe(40);
    expect(result.breakdown.fit.map((a) => a.ruleKey)).toEqual(['fit-decision-maker', 'fit-company-size']);
    expect(result.breakdown.byRule.map((r) => [r.ruleKey, r.points, r.count])).toEqual([
      ['first-email-open', 5, 1],
      ['email-click', 20, 2],
      ['fit-decision-maker', 10, 1],
      ['fit-company-size', 5, 1],
    ]);
    expect(explainScore(result)).toContain('+20 Clicked a link in an email (×2)');
    expect(explainScore(scoreLead(rules, {}, [ev('x', 'unsubscribe')]))).toEqual(['−20 Unsubscribed']);
  });

  it('recomputes after a rule edit', () => {
    const edited = rules.map((r) => (r.eventType === 'visit_pricing' ? { ...r, points: 40 } : r));
    expect(scoreLead(edited, {}, [ev('1', 'visit_pricing')]).score).toBe(40);
  });
});
