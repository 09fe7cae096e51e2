import { describe, expect, it } from 'vitest';
import { journeyDefinitionSchema, NODE_KINDS, nodeConfigs, nodeOutputs, type JourneyDefinition, type JourneyNode } from './definition';
import { autoLayout, canvasGraphSchema, defaultConfig, definitionToGraph, graphToDefinition, LAYOUT, type CanvasGraph } from './graph';
import { estimatedSize, freeSpot } from './layout';

/** One node of every kind, each with a non-default config so the round trip cannot pass by accident. */
const everyKind: JourneyNode[] = [
  { id: 'trigger', kind: 'trigger', label: 'Demo booked', config: { on: 'event', eventType: 'schedule_demo' } },
  {
    id: 'score',
    kind: 'score_branch',
    label: 'Score',
    config: { ranges: [{ output: 'low', label: 'Low', min: null, max: 9 }, { output: 'high', label: '', min: 10, max: null }] },
  },
  { id: 'cond', kind: 'condition', label: '', config: { match: 'any', rules: [{ field: 'lead.jobTitle', op: 'contains', value: 'vp' }, { field: 'tags', op: 'exists' }] } },
  { id: 'ab', kind: 'ab_split', label: 'Subject test', config: { variants: [{ id: 'x', label: 'X', weight: 30 }, { id: 'y', label: 'Y', weight: 70 }] } },
  {
    id: 'mail',
    kind: 'send_email',
    label: 'Email',
    config: { template: 'email-b-welcome-value', variants: [{ id: 'v1', weight: 50, subject: 'Hi' }, { id: 'v2', weight: 50, template: 'email-c-case-study' }], oncePerLead: false },
  },
  { id: 'wait', kind: 'wait', label: '', config: { duration: { amount: 2, unit: 'hours' } } },
  { id: 'wfe', kind: 'wait_for_event', label: 'Wait', config: { eventTypes: ['email_click'], timeout: { amount: 30, unit: 'minutes' } } },
  { id: 'handoff', kind: 'handoff', label: 'Sales', config: { owner: { mode: 'fixed', ownerId: 'john.doe' }, slaMinutes: 10, escalationMinutes: 20, reassignOnEscalation: true } },
  { id: 'update', kind: 'update_lead', label: '', config: { stage: 'warm', lifecycle: 'sql', addTags: ['vip'] } },
  { id: 'hook', kind: 'webhook', label: 'CRM', config: { url: 'https://crm.example.com/hook', method: 'PUT' } },
  { id: 'exit', kind: 'exit', label: 'End', config: { archive: true } },
];

const definition: JourneyDefinition = {
  schemaVersion: 1,
  name: 'Every kind',
  nodes: everyKind,
  edges: [
    { id: 'e1', source: 'trigger', output: 'next', target: 'score' },
    { id: 'e2', source: 'score', output: 'low', target: 'cond' },
    { id: 'e3', source: 'score', output: 'high', target: 'ab' },
    { id: 'e4', source: 'ab', output: 'y', target: 'mail' },
    { id: 'e5', source: 'wfe', output: 'timeout', target: 'exit' },
  ],
};

describe('graph ↔ definition', () => {
  it('covers every node kind in the fixture', () => {
    expect(new Set(everyKind.map((n) => n.kind))).toEqual(new Set(NODE_KINDS));
    expect(journeyDefinitionSchema.parse(definition)).toEqual(definition);
  });

  it.each(everyKind.map((n) => [n.kind, n] as const))('round-trips a %s node definition → graph → definition', (_kind, node) => {
    const def: JourneyDefinition = { schemaVersion: 1, name: 'One', nodes: [node], edges: [] };
    const graph = definitionToGraph(def, { [node.id]: { x: 12, y: 34 } });
    expect(graph.nodes[0]).toEqual({ id: node.id, type: node.kind, position: { x: 12, y: 34 }, data: { label: node.label, config: node.config } });
    expect(graphToDefinition(graph, 'One')).toEqual(def);
  });

  it('round-trips a whole graph both ways with positions kept', () => {
    const positions = Object.fromEntries(everyKind.map((n, i) => [n.id, { x: i * 10, y: -i }]));
    const graph = definitionToGraph(definition, positions);
    expect(graph.edges[1]).toEqual({ id: 'e2', source: 'score', sourceHandle: 'low', target: 'cond' });
    expect(graphToDefinition(graph, definition.name)).toEqual(definition);
    expect(definitionToGraph(graphToDefinition(graph, definition.name), positions)).toEqual(graph);
  });

  it('reads an edge without a handle id as the single "next" output', () => {
    const draft = canvasGraphSchema.parse({
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { config: { on: 'lead_captured' } } },
        { id: 'x', type: 'exit', position: { x: 1, y: 0 }, data: { label: 'x', config: {} } },
      ],
      edges: [{ id: 'e', source: 't', target: 'x', sourceHandle: null }],
    });
    expect(graphToDefinition(draft, 'n').edges).toEqual([{ id: 'e', source: 't', output: 'next', target: 'x' }]);
  });
});

describe('canvasGraphSchema', () => {
  it('refuses a draft node config holding a prototype key, naming where', () => {
    const draft = (config: unknown) => ({ nodes: [{ id: 'a', type: 'webhook', data: { config } }], edges: [] });
    const result = canvasGraphSchema.safeParse(draft({ url: 'https://x.test', extra: [{ constructor: 1 }] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['nodes', 0, 'data', 'config', 'extra', 0, 'constructor']);
    expect(canvasGraphSchema.safeParse(JSON.parse('{"nodes":[{"id":"a","type":"exit","data":{"config":{"__proto__":{}}}}],"edges":[]}')).success).toBe(false);
    expect(canvasGraphSchema.safeParse(draft({ url: 'https://x.test' })).success).toBe(true);
  });

  it('stores half-edited drafts and strips React Flow runtime fields', () => {
    const parsed = canvasGraphSchema.parse({
      nodes: [{ id: 'm', type: 'send_email', position: { x: 1, y: 2 }, selected: true, measured: { width: 10 }, data: { label: 'Mail', config: { template: 42 }, hovered: true } }],
      edges: [{ id: 'e', source: 'm', sourceHandle: 'next', target: 'z', animated: true }],
    });
    expect(parsed).toEqual({
      nodes: [{ id: 'm', type: 'send_email', position: { x: 1, y: 2 }, data: { label: 'Mail', config: { template: 42 } } }],
      edges: [{ id: 'e', source: 'm', sourceHandle: 'next', target: 'z' }],
    });
  });

  it('rejects unknown node kinds and missing ids', () => {
    expect(canvasGraphSchema.safeParse({ nodes: [{ id: 'a', type: 'sms', data: { config: {} } }], edges: [] }).success).toBe(false);
    expect(canvasGraphSchema.safeParse({ nodes: [], edges: [{ id: '', source: 'a', target: 'b' }] }).success).toBe(false);
  });

  it('accepts a strict CanvasGraph as-is', () => {
    const graph: CanvasGraph = definitionToGraph(definition);
    expect(canvasGraphSchema.parse(graph)).toEqual(graph);
  });
});

describe('autoLayout', () => {
  const rects = (pos: Record<string, { x: number; y: number }>) =>
    definition.nodes.map((n) => ({ id: n.id, ...pos[n.id]!, ...estimatedSize(nodeOutputs(n).length) }));

  it('places every node, the unconnected ones too, with no two overlapping', () => {
    const pos = autoLayout(definition);
    expect(Object.keys(pos).sort()).toEqual(definition.nodes.map((n) => n.id).sort());
    const all = rects(pos);
    for (const a of all) for (const b of all) {
      if (a.id >= b.id) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  });

  it('runs left to right: every edge leads to a step at least one layer further right', () => {
    const pos = autoLayout(definition);
    for (const e of definition.edges) expect(pos[e.target]!.x).toBeGreaterThanOrEqual(pos[e.source]!.x + 200 + LAYOUT.rankSep - 1);
  });

  it('puts a branch\'s first output above its second, matching the handle order on the node', () => {
    const pos = autoLayout(definition);
    expect(pos.cond!.y).toBeLessThan(pos.ab!.y);
  });

  it('is what definitionToGraph uses without positions', () => {
    const graph = definitionToGraph(definition);
    const pos = autoLayout(definition);
    for (const n of graph.nodes) expect(n.position).toEqual(pos[n.id]);
  });
});

describe('freeSpot', () => {
  const size = { width: 200, height: 100 };
  it('keeps the wanted spot when it is free and moves off an occupied one', () => {
    expect(freeSpot({ x: 0, y: 0 }, size, [])).toEqual({ x: 0, y: 0 });
    const taken = [{ x: 0, y: 0, ...size }];
    const p = freeSpot({ x: 10, y: 10 }, size, taken);
    const apart = p.x + 200 <= 0 || p.x >= 200 || p.y + 100 <= 0 || p.y >= 100;
    expect(apart).toBe(true);
  });
});

describe('defaultConfig', () => {
  it.each(NODE_KINDS.filter((k) => k !== 'webhook'))('gives %s a config its schema accepts unchanged', (kind) => {
    expect(nodeConfigs[kind].parse(defaultConfig(kind))).toEqual(defaultConfig(kind));
  });

  it('leaves the webhook URL and email template blank for the marketer to fill', () => {
    expect(defaultConfig('webhook').url).toBe('');
    expect(defaultConfig('send_email').template).toBe('');
  });

  it('returns a fresh object each time so palette drops never share state', () => {
    expect(defaultConfig('score_branch')).not.toBe(defaultConfig('score_branch'));
    expect(defaultConfig('score_branch').ranges).not.toBe(defaultConfig('score_branch').ranges);
  });
});
