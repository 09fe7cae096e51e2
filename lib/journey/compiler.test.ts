import { describe, expect, it } from 'vitest';
import { english } from '../i18n/server-text';
import { inVietnamese } from '../i18n/server-text.test-support';
import { DEFAULT_SCORING_RULES, type ScoringRule } from '../scoring/rules';
import { compileJourney, type CompileOptions, type Problem } from './compiler';
import type { NodeKind } from './definition';
import { DEFAULT_JOURNEY_NAME, defaultJourneyGraph } from './default-journey';
import { defaultConfig, type DraftCanvasEdge, type DraftCanvasGraph, type DraftCanvasNode } from './graph';

const node = (id: string, type: NodeKind, config: unknown = defaultConfig(type), label = ''): DraftCanvasNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { label, config },
});
const edge = (source: string, sourceHandle: string, target: string, id = `${source}:${sourceHandle}`): DraftCanvasEdge => ({ id, source, sourceHandle, target });
const email = (id: string, extra: Record<string, unknown> = {}) => node(id, 'send_email', { template: 'email-a-nurture', ...extra });

/** trigger → email → exit: the smallest journey that compiles. */
function base(): DraftCanvasGraph {
  return {
    nodes: [node('t', 'trigger'), email('m'), node('x', 'exit')],
    edges: [edge('t', 'next', 'm'), edge('m', 'next', 'x')],
  };
}

const TEMPLATES = ['email-a-nurture', 'email-b-welcome-value', 'email-c-case-study', 'email-c-demo-invite', 're-engage'];
/** Every problem carries the key and params of its English message, and reads in Vietnamese with no key left unresolved. */
function compile(graph: DraftCanvasGraph, opts: Partial<CompileOptions> = {}) {
  const result = compileJourney(graph, { name: 'Test', ...opts });
  for (const p of [...result.problems, ...result.warnings]) {
    expect(p.text, p.message).toBeDefined();
    expect(english(p.text!)).toBe(p.message);
    const vi = inVietnamese(p.text!);
    expect(vi).not.toMatch(/serverText\.|settings\.ruleWords/);
    expect(vi).not.toBe(p.message);
  }
  return result;
}
const codes = (ps: Problem[]) => ps.map((p) => p.code);
function only(ps: Problem[], code: Problem['code']): Problem {
  const found = ps.filter((p) => p.code === code);
  expect(found, `${code} in ${JSON.stringify(ps)}`).toHaveLength(1);
  return found[0]!;
}

describe('compileJourney: valid journeys', () => {
  it('compiles the smallest journey, applying config defaults', () => {
    const result = compile(base());
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.definition?.nodes[1]).toEqual({ id: 'm', kind: 'send_email', label: '', config: { template: 'email-a-nurture', variants: [], oncePerLead: true } });
    expect(result.definition?.edges).toEqual([
      { id: 't:next', source: 't', output: 'next', target: 'm' },
      { id: 'm:next', source: 'm', output: 'next', target: 'x' },
    ]);
  });

  it('compiles the default journey with no problems and no warnings against the default rules', () => {
    const result = compileJourney(defaultJourneyGraph(), { name: DEFAULT_JOURNEY_NAME, scoringRules: DEFAULT_SCORING_RULES, knownTemplates: TEMPLATES });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.definition?.nodes).toHaveLength(defaultJourneyGraph().nodes.length);
  });

  it('lets a single "next" output end the journey without an exit step', () => {
    const graph = base();
    graph.nodes.pop();
    graph.edges.pop();
    const result = compile(graph);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('compiles a generated 300-node journey with loops through waits', () => {
    const nodes: DraftCanvasNode[] = [node('t', 'trigger')];
    const edges: DraftCanvasEdge[] = [edge('t', 'next', 'c0')];
    const blocks = 99;
    for (let i = 0; i < blocks; i++) {
      const next = i + 1 < blocks ? `c${i + 1}` : 'hook';
      nodes.push(node(`c${i}`, 'condition'), email(`m${i}`), node(`w${i}`, 'wait_for_event'));
      edges.push(
        edge(`c${i}`, 'true', `m${i}`),
        edge(`c${i}`, 'false', `w${i}`),
        edge(`m${i}`, 'next', `w${i}`),
        edge(`w${i}`, 'event', `c${i}`),
        edge(`w${i}`, 'timeout', next),
      );
    }
    nodes.push(node('hook', 'webhook', { url: 'https://crm.example.com' }), node('x', 'exit'));
    edges.push(edge('hook', 'next', 'x'));
    expect(nodes).toHaveLength(300);
    const result = compile({ nodes, edges }, { scoringRules: DEFAULT_SCORING_RULES, knownTemplates: TEMPLATES });
    expect(result.problems).toEqual([]);
    expect(result.definition?.nodes).toHaveLength(300);
    expect(result.definition?.edges).toHaveLength(edges.length);

    // The same graph with one loop short-circuited past its wait is caught, on that loop only.
    edges.push(edge(`m50`, 'next', 'c50', 'shortcut'));
    edges.splice(edges.findIndex((e) => e.id === 'm50:next'), 1);
    const broken = compile({ nodes, edges });
    expect(codes(broken.problems)).toEqual(['cycle_without_wait']);
    expect(['c50', 'm50']).toContain(broken.problems[0]?.nodeId);
  });
});

describe('compileJourney: problems', () => {
  it('invalid_name', () => {
    const r = compile(base(), { name: '  ' });
    expect(only(r.problems, 'invalid_name').message).toMatch(/name/);
    expect(r.definition).toBeNull();
  });

  it('invalid_id', () => {
    const long = 'n'.repeat(101);
    const g = base();
    g.nodes.push(node(long, 'exit'));
    g.edges.push(edge('x', 'none', long));
    expect(compile(g).problems.find((p) => p.code === 'invalid_id')?.nodeId).toBe(long);
  });

  it('duplicate_node_id', () => {
    const g = base();
    g.nodes.push(node('m', 'exit'));
    expect(only(compile(g).problems, 'duplicate_node_id').nodeId).toBe('m');
  });

  it('duplicate_edge_id', () => {
    const g = base();
    g.edges.push({ ...edge('t', 'next', 'x'), id: 'm:next' });
    expect(only(compile(g).problems, 'duplicate_edge_id').edgeId).toBe('m:next');
  });

  it('a webhook node only takes http(s) addresses', () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'javascript:alert(1)']) {
      const g = base();
      g.nodes.push(node('hook', 'webhook', { url }), node('x2', 'exit'));
      g.edges = [edge('t', 'next', 'hook'), edge('hook', 'next', 'x2'), edge('m', 'next', 'x')];
      expect(compile(g).problems.filter((p) => p.code === 'invalid_config').map((p) => p.nodeId), url).toEqual(['hook']);
    }
  });

  it('invalid_config names the field in plain words', () => {
    const g = base();
    g.nodes.push(node('hook', 'webhook', { url: 'crm' }, 'Tell the CRM'), node('cond', 'condition', { rules: [] }));
    g.edges = [edge('t', 'next', 'hook'), edge('hook', 'next', 'cond'), edge('m', 'next', 'x')];
    const r = compile(g);
    const problems = r.problems.filter((p) => p.code === 'invalid_config');
    expect(problems.map((p) => p.nodeId)).toEqual(['hook', 'cond']);
    expect(problems[0]?.message).toBe('“Tell the CRM”: the web address must be a full web address such as https://example.com/hook.');
    expect(problems[1]?.message).toBe('the Condition step (cond): the conditions list needs at least 1 entry.');
  });

  it('non_positive_duration for waits, timeouts and SLAs', () => {
    const g = base();
    g.nodes.push(
      node('w', 'wait', { duration: { amount: 0, unit: 'days' } }, 'Pause'),
      node('wfe', 'wait_for_event', { timeout: { amount: -1, unit: 'hours' } }),
      node('h', 'handoff', { owner: { mode: 'round_robin' }, slaMinutes: 0 }),
    );
    const r = compile(g);
    const found = r.problems.filter((p) => p.code === 'non_positive_duration');
    expect(found.map((p) => p.nodeId)).toEqual(['w', 'wfe', 'h']);
    expect(found[0]?.message).toBe('“Pause”: the duration must be longer than zero.');
    expect(found[1]?.message).toMatch(/timeout must be longer than zero/);
    expect(found[2]?.message).toMatch(/SLA \(minutes\) must be longer than zero/);
  });

  it('no_trigger', () => {
    const g = base();
    g.nodes.shift();
    g.edges.shift();
    const p = only(compile(g).problems, 'no_trigger');
    expect(p.nodeId).toBeUndefined();
  });

  it('multiple_triggers reports the extra trigger', () => {
    const g = base();
    g.nodes.push(node('t2', 'trigger', { on: 'event', eventType: 'visit_pricing' }));
    g.edges.push(edge('t2', 'next', 'x'));
    expect(only(compile(g).problems, 'multiple_triggers').nodeId).toBe('t2');
  });

  it('unreachable_node', () => {
    const g = base();
    g.nodes.push(email('orphan'));
    expect(only(compile(g).problems, 'unreachable_node').nodeId).toBe('orphan');
  });

  it('output_unconnected on a branch output and on the trigger', () => {
    const g = base();
    g.nodes.push(node('c', 'condition'));
    g.edges = [edge('t', 'next', 'c'), edge('c', 'true', 'm'), edge('m', 'next', 'x')];
    const p = only(compile(g).problems, 'output_unconnected');
    expect(p).toMatchObject({ nodeId: 'c' });
    expect(p.message).toMatch(/“false” output/);
    const lonely = compile({ nodes: [node('t', 'trigger')], edges: [] });
    expect(only(lonely.problems, 'output_unconnected').nodeId).toBe('t');
  });

  it('output_connected_twice reports the second edge', () => {
    const g = base();
    g.edges.push(edge('t', 'next', 'x', 'again'));
    expect(only(compile(g).problems, 'output_connected_twice')).toMatchObject({ edgeId: 'again', nodeId: 't' });
  });

  it('invalid_config when a step has no settings at all', () => {
    const g = base();
    g.nodes[1] = { ...node('m', 'send_email', null, 'Mail'), data: { label: 'Mail', config: undefined } };
    expect(only(compile(g).problems, 'invalid_config').message).toBe('“Mail”: the settings are missing.');
  });

  it('duplicate_output', () => {
    const g = base();
    g.nodes.push(node('ab', 'ab_split', { variants: [{ id: 'a', weight: 50 }, { id: 'a', weight: 50 }] }));
    g.edges = [edge('t', 'next', 'ab'), edge('ab', 'a', 'm'), edge('m', 'next', 'x')];
    expect(only(compile(g).problems, 'duplicate_output').nodeId).toBe('ab');
  });

  it('edge_unknown_source', () => {
    const g = base();
    g.edges.push(edge('ghost', 'next', 'x'));
    expect(only(compile(g).problems, 'edge_unknown_source').edgeId).toBe('ghost:next');
  });

  it('edge_unknown_output', () => {
    const g = base();
    g.edges.push(edge('x', 'next', 'm', 'from-exit'));
    expect(only(compile(g).problems, 'edge_unknown_output')).toMatchObject({ edgeId: 'from-exit', nodeId: 'x' });
  });

  it('edge_unknown_target', () => {
    const g = base();
    g.edges[1] = edge('m', 'next', 'deleted');
    expect(only(compile(g).problems, 'edge_unknown_target')).toMatchObject({ edgeId: 'm:next', nodeId: 'm' });
  });

  it('edge_into_trigger', () => {
    const g = base();
    g.edges[1] = edge('m', 'next', 't');
    expect(only(compile(g).problems, 'edge_into_trigger')).toMatchObject({ edgeId: 'm:next', nodeId: 't' });
  });

  it('cycle_without_wait names the loop, even when a wait sits on another loop through the same steps', () => {
    const g: DraftCanvasGraph = {
      nodes: [node('t', 'trigger'), node('c', 'condition', undefined, 'Is hot?'), node('u', 'update_lead', undefined, 'Tag'), node('w', 'wait')],
      // c → u → c spins; c → w → c would be fine on its own.
      edges: [edge('t', 'next', 'c'), edge('c', 'true', 'u'), edge('u', 'next', 'c'), edge('c', 'false', 'w'), edge('w', 'next', 'c')],
    };
    const p = only(compile(g).problems, 'cycle_without_wait');
    expect(p.nodeId).toBe('c');
    expect(p.message).toContain('“Is hot?” → “Tag” → “Is hot?”');
    g.edges[2] = edge('u', 'next', 'w');
    expect(compile(g).problems).toEqual([]);
  });

  it('cycle_without_wait on a self-loop', () => {
    const g = base();
    g.nodes.push(node('u', 'update_lead'));
    g.edges = [edge('t', 'next', 'u'), edge('u', 'next', 'u')];
    g.nodes.splice(1, 2);
    expect(only(compile(g).problems, 'cycle_without_wait').nodeId).toBe('u');
  });

  const branch = (ranges: unknown[]): DraftCanvasGraph => ({
    nodes: [node('t', 'trigger'), node('s', 'score_branch', { ranges }, 'Route'), node('x', 'exit')],
    edges: [edge('t', 'next', 's'), ...ranges.map((r) => edge('s', (r as { output: string }).output, 'x'))],
  });

  it('score_range_gap at both ends and in the middle', () => {
    const r = compile(branch([{ output: 'a', min: 0, max: 19 }, { output: 'b', min: 25, max: 59 }]));
    const gaps = r.problems.filter((p) => p.code === 'score_range_gap');
    expect(gaps.map((p) => p.nodeId)).toEqual(['s', 's', 's']);
    expect(gaps.map((p) => p.message)).toEqual([
      '“Route”: scores up to -1 match no range, so those leads would be stranded.',
      '“Route”: scores 20 to 24 match no range, so those leads would be stranded.',
      '“Route”: scores of 60 and above match no range, so those leads would be stranded.',
    ]);
  });

  it('score_range_overlap', () => {
    const r = compile(branch([{ output: 'low', min: null, max: 44 }, { output: 'mid', label: 'Middle', min: 40, max: 59 }, { output: 'hi', min: 60, max: null }]));
    const p = only(r.problems, 'score_range_overlap');
    expect(p.nodeId).toBe('s');
    expect(p.message).toBe('“Route”: scores 40 to 44 match both “low” and “Middle”; ranges must not overlap.');
  });

  it('score_range_empty', () => {
    const r = compile(branch([{ output: 'all', min: null, max: null }, { output: 'never', min: 10, max: 5 }]));
    expect(codes(r.problems)).toEqual(['score_range_empty']);
    expect(r.problems[0]?.nodeId).toBe('s');
  });

  it('split_weights_not_100', () => {
    const g = base();
    g.nodes.push(node('ab', 'ab_split', { variants: [{ id: 'a', weight: 50 }, { id: 'b', weight: 40 }] }));
    g.edges = [edge('t', 'next', 'ab'), edge('ab', 'a', 'm'), edge('ab', 'b', 'x'), edge('m', 'next', 'x')];
    expect(only(compile(g).problems, 'split_weights_not_100')).toMatchObject({ nodeId: 'ab', message: expect.stringContaining('90%') as unknown });
  });

  it('variant_weights_not_100 only when variants exist', () => {
    const g = base();
    g.nodes[1] = email('m', { variants: [{ id: 'v1', weight: 60 }, { id: 'v2', weight: 60 }] });
    expect(only(compile(g).problems, 'variant_weights_not_100').nodeId).toBe('m');
  });

  it('missing_template when blank or not a known template', () => {
    const g = base();
    g.nodes[1] = email('m', { template: '' });
    expect(only(compile(g).problems, 'missing_template').nodeId).toBe('m');
    g.nodes[1] = email('m', { template: 'email-z', variants: [{ id: 'v1', weight: 100, template: 'nope' }] });
    expect(compile(g).problems).toEqual([]);
    const known = compile(g, { knownTemplates: TEMPLATES }).problems;
    expect(codes(known)).toEqual(['missing_template', 'missing_template']);
    expect(known[0]?.message).toMatch(/“email-z”, which does not exist/);
  });

  it('reports every problem at once rather than stopping at the first', () => {
    const g = base();
    g.nodes.push(node('t2', 'trigger'), email('orphan', { template: '' }));
    g.edges.push(edge('t2', 'next', 'ghost'));
    expect(new Set(codes(compile(g).problems))).toEqual(new Set(['multiple_triggers', 'edge_unknown_target', 'output_unconnected', 'missing_template', 'unreachable_node']));
  });
});

describe('compileJourney: warnings', () => {
  it('negative_intent_points on the score branch, and the journey still compiles', () => {
    const rules: ScoringRule[] = DEFAULT_SCORING_RULES.map((r) => (r.eventType === 'download_whitepaper' ? { ...r, id: 'wp', points: -15 } : r));
    const r = compileJourney(defaultJourneyGraph(), { name: DEFAULT_JOURNEY_NAME, scoringRules: rules });
    const w = only(r.warnings, 'negative_intent_points');
    expect(w).toMatchObject({ nodeId: 'score', ruleId: 'wp' });
    expect(w.message).toMatch(/never turn hot/);
    expect(r.definition).not.toBeNull();
    const noBranch = compile(base(), { scoringRules: rules });
    expect(only(noBranch.warnings, 'negative_intent_points').nodeId).toBe('t');
  });

  it('email_repeats_in_cycle for a repeatable email inside a loop only', () => {
    const graph = defaultJourneyGraph();
    const reEngage = graph.nodes.find((n) => n.id === 're-engage');
    if (reEngage?.type !== 'send_email') throw new Error('fixture');
    reEngage.data.config.oncePerLead = false;
    const r = compile(graph);
    expect(only(r.warnings, 'email_repeats_in_cycle').nodeId).toBe('re-engage');
    const straight = base();
    straight.nodes[1] = email('m', { oncePerLead: false });
    expect(compile(straight).warnings).toEqual([]);
  });

  it('unknown_event_type unless a built-in or a scoring rule knows it', () => {
    const g = base();
    g.nodes.push(node('w', 'wait_for_event', { eventTypes: ['email_click', 'trial_started'], timeout: { amount: 1, unit: 'days' } }));
    g.edges = [edge('t', 'next', 'w'), edge('w', 'event', 'm'), edge('w', 'timeout', 'x'), edge('m', 'next', 'x')];
    const w = only(compile(g).warnings, 'unknown_event_type');
    expect(w.nodeId).toBe('w');
    expect(w.message).toContain('trial_started');
    const rule: ScoringRule = { name: 'Trial', kind: 'event', eventType: 'trial_started', points: 20, oncePerLead: true, active: true };
    expect(compile(g, { scoringRules: [...DEFAULT_SCORING_RULES, rule] }).warnings).toEqual([]);
  });
});
