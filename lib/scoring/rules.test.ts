import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_RULES, scoringRuleSchema } from './rules';

describe('scoringRuleSchema', () => {
  it('accepts every default rule unchanged', () => {
    for (const rule of DEFAULT_SCORING_RULES) expect(scoringRuleSchema.parse(rule)).toEqual(rule);
  });

  it('gives the SPEC points to the default event rules', () => {
    const byType = Object.fromEntries(DEFAULT_SCORING_RULES.filter((r) => r.kind === 'event').map((r) => [r.eventType ?? '', r.points] as const));
    expect(byType).toEqual({
      email_open: 5,
      email_click: 10,
      webinar_register: 20,
      download_whitepaper: 15,
      visit_pricing: 25,
      schedule_demo: 30,
      unsubscribe: -20,
      spam_complaint: -50,
    });
    expect(DEFAULT_SCORING_RULES.find((r) => r.eventType === 'email_open')?.oncePerLead).toBe(true);
  });

  it('accepts a database row shape (uuid id, null condition) and applies defaults', () => {
    const row = { id: '3f0e0c1e-1111-4222-8333-444455556666', name: 'Demo', kind: 'event', eventType: 'schedule_demo', condition: null, points: 30 };
    expect(scoringRuleSchema.parse(row)).toMatchObject({ oncePerLead: false, active: true, condition: null });
  });

  it('requires an event type on event rules and a condition on attribute rules', () => {
    const event = scoringRuleSchema.safeParse({ name: 'x', kind: 'event', points: 1 });
    expect(event.success).toBe(false);
    expect(event.error?.issues[0]?.path).toEqual(['eventType']);
    const attr = scoringRuleSchema.safeParse({ name: 'x', kind: 'attribute', points: 1 });
    expect(attr.error?.issues[0]?.path).toEqual(['condition']);
  });

  it('limits condition fields to lead columns and properties.<key>', () => {
    const base = { name: 'x', kind: 'attribute', points: 1 } as const;
    expect(scoringRuleSchema.safeParse({ ...base, condition: { field: 'properties.industry', op: 'eq', value: 'saas' } }).success).toBe(true);
    expect(scoringRuleSchema.safeParse({ ...base, condition: { field: 'email', op: 'eq', value: 'a' } }).success).toBe(false);
    expect(scoringRuleSchema.safeParse({ ...base, condition: { field: 'properties.', op: 'eq', value: 'a' } }).success).toBe(false);
  });

  it('rejects fractional points', () => {
    expect(scoringRuleSchema.safeParse({ name: 'x', kind: 'event', eventType: 'a', points: 1.5 }).success).toBe(false);
  });
});
