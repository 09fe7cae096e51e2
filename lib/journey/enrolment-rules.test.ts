import { describe, expect, it } from 'vitest';
import { compileJourney } from './compiler';
import { enrolmentProblems, goalPreset, goalWords, lifecycleFrom, ruleIssue, withPriorityGroup } from './enrolment-rules';
import type { DraftCanvasGraph } from './graph';

const graph = (config: Record<string, unknown>): DraftCanvasGraph => ({
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { label: 'Webinar sign-up', config } },
    { id: 'end', type: 'exit', position: { x: 0, y: 100 }, data: { label: '', config: {} } },
  ],
  edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'end' }],
});

describe('entry and goal conditions', () => {
  it('checks each value against the field it tests', () => {
    expect(ruleIssue({ field: 'score', op: 'gte', value: 20 })).toBeNull();
    expect(ruleIssue({ field: 'score', op: 'gte' })).toBe('number');
    expect(ruleIssue({ field: 'score', op: 'gte', value: 'twenty' })).toBe('number');
    expect(ruleIssue({ field: 'score', op: 'contains', value: 2 })).toBe('op');
    expect(ruleIssue({ field: 'stage', op: 'eq', value: 'boiling' })).toBe('choice');
    expect(ruleIssue({ field: 'lifecycle', op: 'in', value: ['sql', 'opportunity'] })).toBeNull();
    expect(ruleIssue({ field: 'source', op: 'eq', value: '  ' })).toBe('text');
    expect(ruleIssue({ field: 'source', op: 'in', value: [] })).toBe('list');
    expect(ruleIssue({ field: 'source', op: 'exists' })).toBeNull();
    expect(ruleIssue({ field: 'attr.', op: 'eq', value: 'x' })).toBe('custom_name');
    expect(ruleIssue({ field: 'attr.plan', op: 'eq', value: 'pro' })).toBeNull();
    expect(ruleIssue({ field: 'lead.email', op: 'eq', value: 'x' })).toBe('unknown_field');
  });

  it('blocks publishing with a problem that names the trigger, the condition and its field', () => {
    const result = compileJourney(graph({ on: 'lead_captured', entry: { match: 'all', rules: [{ field: 'source', op: 'eq', value: 'webinar' }, { field: 'score', op: 'gte' }] } }), { name: 'J' });
    expect(result.definition).toBeNull();
    expect(result.problems.map((p) => p.message)).toEqual(['“Webinar sign-up”: entry condition 2 (Score) needs a number.']);
  });

  it('refuses a goal that is the starting event itself', () => {
    expect(enrolmentProblems({ on: 'event', eventType: 'schedule_demo', goal: { on: 'event', eventType: 'schedule_demo', label: '' } })).toEqual([
      'the goal (Booked a demo) is the event that starts the journey, so every lead would leave at once',
    ]);
  });

  it('compiles a valid trigger with every enrolment setting', () => {
    const config = {
      on: 'lead_captured',
      entry: { match: 'any', rules: [{ field: 'lead.companySize', op: 'gte', value: 50 }] },
      reentry: { mode: 'after', days: 30 },
      priorityGroup: 'Onboarding',
      priority: 1,
      goal: { on: 'lead', match: 'all', rules: [{ field: 'lifecycle', op: 'in', value: lifecycleFrom('opportunity') }], label: '' },
    };
    const result = compileJourney(graph(config), { name: 'J' });
    expect(result.problems).toEqual([]);
    expect(result.definition?.nodes[0]?.config).toEqual(config);
  });

  it('reads stored goals back as the presets that wrote them, in words', () => {
    const opportunity = { on: 'lead' as const, match: 'all' as const, rules: [{ field: 'lifecycle', op: 'in' as const, value: ['opportunity', 'customer'] }], label: '' };
    expect(goalPreset(opportunity)).toEqual({ preset: 'lifecycle', from: 'opportunity' });
    expect(goalWords(opportunity)).toBe('Became an opportunity');
    expect(goalWords({ on: 'event', eventType: 'schedule_demo', label: '' })).toBe('Booked a demo');
    expect(goalWords({ on: 'lead', match: 'all', rules: [{ field: 'stage', op: 'in', value: ['hot'] }], label: '' })).toBe('Reached the hot stage');
    expect(goalWords({ ...opportunity, label: 'Sales accepted' })).toBe('Sales accepted');
    const custom = { on: 'lead' as const, match: 'any' as const, rules: [{ field: 'score', op: 'gte' as const, value: 80 }, { field: 'tags', op: 'contains' as const, value: 'vip' }], label: '' };
    expect(goalPreset(custom)).toEqual({ preset: 'custom' });
    expect(goalWords(custom)).toBe('Score is at least 80 or Tags contains vip');
  });
});

describe('priority group', () => {
  it('clearing the group clears its priority, so a later group does not inherit a stale number', () => {
    const grouped = withPriorityGroup({ on: 'lead_captured' as const, priority: 5 }, 'Onboarding');
    expect(grouped).toEqual({ on: 'lead_captured', priorityGroup: 'Onboarding', priority: 5 });
    const cleared = withPriorityGroup(grouped, '  ');
    expect(cleared).toEqual({ on: 'lead_captured' });
    expect(withPriorityGroup(cleared, 'Nurture')).toEqual({ on: 'lead_captured', priorityGroup: 'Nurture' });
  });
});
