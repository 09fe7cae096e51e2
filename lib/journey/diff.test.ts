import { describe, expect, it } from 'vitest';
import { defaultJourneyGraph } from './default-journey';
import type { JourneyDefinition } from './definition';
import { diffDefinitions } from './diff';
import { english, type Text } from '../i18n/server-text';
import { inVietnamese } from '../i18n/server-text.test-support';
import { graphToDefinition } from './graph';

const base = (): JourneyDefinition => graphToDefinition(defaultJourneyGraph(), 'Default');
const labels = (k: string) => ({ 'email-a-nurture': 'Email A — Nurture', 'email-b-welcome-value': 'Email B — Welcome + Value' })[k] ?? k;

describe('diffDefinitions', () => {
  it('finds nothing between a definition and its copy', () => {
    expect(diffDefinitions(base(), base())).toMatchObject({ empty: true, steps: [], connections: [], lines: [] });
  });

  it('names the step and the field, before → after, with the unit said once', () => {
    const next = base();
    const wait = next.nodes.find((n) => n.kind === 'wait_for_event')!;
    if (wait.kind !== 'wait_for_event') throw new Error('no wait');
    wait.config.timeout = { amount: 2, unit: 'days' };
    const d = diffDefinitions(base(), next);
    expect(d.steps).toMatchObject([{ id: wait.id, name: wait.label, change: 'changed', fields: [{ field: 'Give up after', before: '7 days', after: '2 days', text: 'Give up after 7 → 2 days' }] }]);
    // The same change as message keys: a Vietnamese reader gets the field and both durations in Vietnamese, the default step name too.
    const words = d.steps[0]!.fields[0]!.words!;
    expect([inVietnamese(words.field), inVietnamese(words.before as Text), inVietnamese(words.after as Text)]).toEqual(['Bỏ chờ sau', '7 ngày', '2 ngày']);
    expect(d.lineTexts!.map(inVietnamese)).toEqual(['Chờ tương tác (A): Bỏ chờ sau 7 ngày → 2 ngày']);
    expect(d.lineTexts!.map(english)).toEqual(['Wait for engagement (A): Give up after 7 days → 2 days']);
    expect(d.lines).toEqual([`${wait.label}: Give up after 7 → 2 days`]);
  });

  it('keeps both units when they differ, and reads templates by their labels', () => {
    const next = base();
    const wait = next.nodes.find((n) => n.kind === 'wait_for_event')!;
    if (wait.kind === 'wait_for_event') wait.config.timeout = { amount: 36, unit: 'hours' };
    const email = next.nodes.find((n) => n.id === 'email-a')!;
    if (email.kind === 'send_email') email.config.template = 'email-b-welcome-value';
    const d = diffDefinitions(base(), next, labels);
    expect(d.lines).toContain(`${wait.label}: Give up after 7 days → 36 hours`);
    expect(d.lines).toContain(`${email.label}: Template Email A — Nurture → Email B — Welcome + Value`);
  });

  it('lists added and removed steps and connections by name, with the branch output', () => {
    const prev = base();
    const next = base();
    next.nodes = next.nodes.filter((n) => n.id !== 'email-a');
    next.edges = next.edges.filter((e) => e.source !== 'email-a' && e.target !== 'email-a');
    next.nodes.push({ id: 'wait-x', kind: 'wait', label: 'Cool off', config: { duration: { amount: 3, unit: 'days' } } });
    next.edges.push({ id: 'e-new', source: 'score', output: 'cold', target: 'wait-x' });
    const d = diffDefinitions(prev, next);
    const emailA = prev.nodes.find((n) => n.id === 'email-a')!.label;
    const score = prev.nodes.find((n) => n.id === 'score')!.label;
    expect(d.steps).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Cool off', change: 'added' }), expect.objectContaining({ name: emailA, change: 'removed' })]));
    expect(d.connections).toContainEqual(expect.objectContaining({ change: 'added', text: `${score} (Below 20) → Cool off` }));
    expect(d.connections).toContainEqual(expect.objectContaining({ change: 'removed', text: `${score} (Below 20) → ${emailA}` }));
    // Default step and range names read in Vietnamese; a typed name stays as typed.
    expect(d.connections.map((c) => inVietnamese(c.words!))).toEqual(expect.arrayContaining(['Phân luồng theo điểm (Dưới 20) → Cool off', 'Phân luồng theo điểm (Dưới 20) → Email A: Nuôi dưỡng']));
    expect(d.lineTexts!.map(inVietnamese)).toContain('Đã nối Phân luồng theo điểm (Dưới 20) → Cool off');
    expect(d.lines).toContain(`Added step “Cool off”`);
    expect(d.lines).toContain(`Removed step “${emailA}”`);
    expect(d.lineTexts!.map(inVietnamese)).toEqual(expect.arrayContaining(['Đã thêm bước “Cool off”', 'Đã xoá bước “Email A: Nuôi dưỡng”']));
  });

  it('treats everything as added against no previous version', () => {
    const d = diffDefinitions(null, base());
    expect(d.steps.every((s) => s.change === 'added')).toBe(true);
    expect(d.steps).toHaveLength(base().nodes.length);
  });

  it('names the enrolment fields a trigger change touches: entry conditions, re-entry, priority group, goal', () => {
    const next = base();
    const t = next.nodes.find((n) => n.kind === 'trigger')!;
    if (t.kind !== 'trigger') throw new Error('no trigger');
    t.config = { ...t.config, entry: { match: 'all', rules: [{ field: 'score', op: 'gte', value: 20 }] }, reentry: { mode: 'after', days: 30 }, priorityGroup: 'Welcome', priority: 1, goal: { on: 'event', eventType: 'schedule_demo', label: '' } };
    const fields = diffDefinitions(base(), next).steps[0]!.fields.map((f) => f.text);
    expect(fields).toEqual(['Entry conditions everyone → all of: Score is at least 20', 'Re-entry never → after 30 days', 'Priority group none → Welcome (priority 1)', 'Goal none → Booked a demo']);
  });

  it('words entry conditions and a goal inside a diff in the reader’s language, with the English unchanged', () => {
    const next = base();
    const t = next.nodes.find((n) => n.kind === 'trigger')!;
    if (t.kind !== 'trigger') throw new Error('no trigger');
    t.config = {
      ...t.config,
      entry: { match: 'any', rules: [{ field: 'stage', op: 'in', value: ['warm', 'hot'] }, { field: 'attr.plan', op: 'exists', value: false }, { field: 'lead.jobTitle', op: 'contains', value: 'Giám đốc' }] },
      goal: { on: 'lead', match: 'all', rules: [{ field: 'lifecycle', op: 'in', value: ['opportunity', 'customer'] }], label: '' },
    };
    const d = diffDefinitions(base(), next);
    expect(d.steps[0]!.fields.map((f) => f.text)).toEqual([
      'Entry conditions everyone → any of: Stage is one of warm, hot; custom field “plan” is not set; Job title contains Giám đốc',
      'Goal none → Became an opportunity',
    ]);
    expect(inVietnamese(d.lineTexts![0]!)).toBe(
      'Khách hàng mới được ghi nhận: Điều kiện tham gia mọi khách hàng → bất kỳ điều kiện nào: Giai đoạn là một trong ấm, nóng; trường tuỳ chỉnh “plan” chưa có giá trị; Chức danh chứa Giám đốc; Mục tiêu không có → Trở thành cơ hội bán hàng',
    );
  });

  it('words a condition’s and a wait’s outputs in a connection line, an A/B variant by its label', () => {
    const prev = base();
    const next = base();
    next.nodes.push({ id: 'c', kind: 'condition', label: '', config: { match: 'all', rules: [{ field: 'score', op: 'gte', value: 10 }] } });
    next.edges.push({ id: 'e-c', source: 'c', output: 'false', target: 'email-a' });
    const d = diffDefinitions(prev, next);
    const emailA = prev.nodes.find((n) => n.id === 'email-a')!.label;
    expect(d.connections.map((c) => c.text)).toEqual([`Condition (false) → ${emailA}`]);
    expect(inVietnamese(d.connections[0]!.words!)).toBe('Điều kiện (không) → Email A: Nuôi dưỡng');
  });
});
