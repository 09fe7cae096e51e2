import { describe, expect, it } from 'vitest';
import { defaultJourneyGraph } from '@/lib/journey/default-journey';
import { connect, connectionProblem, fromDraft, isValidConnection, layout, outputLabel, pruneDanglingEdges, updateNodeData } from './transforms';
import type { EditorGraph } from './types';

const graph = (): EditorGraph => fromDraft(defaultJourneyGraph());

describe('isValidConnection', () => {
  it('refuses a connection into a trigger', () => {
    expect(connectionProblem({ source: 'handoff', sourceHandle: 'next', target: 'trigger' }, graph())).toMatch(/trigger/);
  });
  it('refuses a self loop', () => {
    expect(isValidConnection({ source: 'wait-a', sourceHandle: 'event', target: 'wait-a' }, graph())).toBe(false);
  });
  it('refuses an output that is already connected', () => {
    expect(connectionProblem({ source: 'score', sourceHandle: 'cold', target: 'email-b' }, graph())).toMatch(/already connected/);
  });
  it('refuses an output the node does not have, and any output of an exit', () => {
    expect(isValidConnection({ source: 'score', sourceHandle: 'lukewarm', target: 'email-b' }, graph())).toBe(false);
    expect(isValidConnection({ source: 'exit-archive', sourceHandle: null, target: 'email-b' }, graph())).toBe(false);
  });
  it('accepts a free output into another step, including an unnamed single handle', () => {
    const g = graph();
    const open = { ...g, edges: g.edges.filter((e) => e.source !== 'handoff') };
    expect(isValidConnection({ source: 'handoff', sourceHandle: null, target: 'exit-archive' }, open)).toBe(true);
    const next = connect(open, { source: 'handoff', sourceHandle: null, target: 'exit-archive' });
    expect(next.edges.at(-1)).toMatchObject({ source: 'handoff', sourceHandle: 'next', target: 'exit-archive' });
  });
});

describe('transforms', () => {
  it('labels outputs by meaning', () => {
    const g = graph();
    const score = g.nodes.find((n) => n.id === 'score')!;
    expect(outputLabel(score, 'hot')).toBe('60 and above');
    expect(outputLabel(g.nodes.find((n) => n.id === 'wait-a')!, 'timeout')).toBe('timeout');
  });
  it('drops edges from a score range that was removed', () => {
    const g = graph();
    const score = g.nodes.find((n) => n.id === 'score')!;
    if (score.type !== 'score_branch') throw new Error('fixture');
    const ranges = score.data.config.ranges.filter((r) => r.output !== 'engaged');
    const next = pruneDanglingEdges(updateNodeData(g, 'score', { config: { ranges } }));
    expect(next.edges.some((e) => e.source === 'score' && e.sourceHandle === 'engaged')).toBe(false);
    expect(next.edges).toHaveLength(g.edges.length - 1);
  });
  it('auto-layout only replaces nodes that moved', () => {
    const g = layout(graph());
    const again = layout(g);
    again.nodes.forEach((n, i) => expect(n).toBe(g.nodes[i]));
  });
});
