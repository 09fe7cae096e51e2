import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_RULES, type ScoringRule } from './rules';
import { ruleWarnings } from './validate';

describe('ruleWarnings', () => {
  it('is quiet on the defaults, whose only negatives are opt-outs and complaints', () => {
    expect(ruleWarnings(DEFAULT_SCORING_RULES)).toEqual([]);
  });

  it('flags the SPEC’s −15 whitepaper typo and says such leads will never turn hot', () => {
    const typo: ScoringRule[] = DEFAULT_SCORING_RULES.map((r) => (r.eventType === 'download_whitepaper' ? { ...r, id: 'wp', points: -15 } : r));
    const [warning, ...rest] = ruleWarnings(typo);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'negative_intent_points', ruleId: 'wp', ruleKey: 'download-whitepaper', eventType: 'download_whitepaper', points: -15 });
    expect(warning?.message).toMatch(/never turn hot/);
    expect(warning?.message).toMatch(/\+15/);
  });

  it('ignores inactive rules and non-intent events', () => {
    const rules: ScoringRule[] = [
      { name: 'off', kind: 'event', eventType: 'visit_pricing', points: -5, oncePerLead: false, active: false },
      { name: 'bounce', kind: 'event', eventType: 'email_bounce', points: -5, oncePerLead: false, active: true },
    ];
    expect(ruleWarnings(rules)).toEqual([]);
  });
});
