'use client';
/**
 * Runs the (pure) compiler in the same render as the edit, so a node's problem notes — and so its
 * size — are on screen before anything measures it (placement, auto-layout); moving a step never recompiles.
 */
import { useMemo } from 'react';
import { compileJourney, type CompileResult, type Problem } from '@/lib/journey/compiler';
import type { ScoringRule } from '@/lib/scoring/rules';
import { toDraft } from './transforms';
import type { EditorGraph } from './types';

export function useDraftKey(graph: EditorGraph): string {
  return useMemo(() => JSON.stringify(toDraft(graph)), [graph]);
}

/** The draft as the compiler reads it: settings and connections, every position zeroed. */
function settingsKey(graph: EditorGraph): string {
  const draft = toDraft(graph);
  return JSON.stringify({ nodes: draft.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })), edges: draft.edges });
}

export function useCompile(graph: EditorGraph, opts: { name: string; scoringRules: readonly ScoringRule[]; knownTemplates: readonly string[] }): CompileResult {
  const { name, scoringRules, knownTemplates } = opts;
  const key = useMemo(() => settingsKey(graph), [graph]);
  return useMemo(() => compileJourney(JSON.parse(key) as ReturnType<typeof toDraft>, { name, scoringRules, knownTemplates }), [key, name, scoringRules, knownTemplates]);
}

/** Problems keyed by the node they concern; an edge's problem belongs to its source node. */
export function byNode(problems: readonly Problem[], edgeSource: (edgeId: string) => string | undefined): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const id = p.nodeId ?? (p.edgeId ? edgeSource(p.edgeId) : undefined) ?? 'journey';
    const list = out.get(id);
    if (list) list.push(p);
    else out.set(id, [p]);
  }
  return out;
}
