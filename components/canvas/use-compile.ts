'use client';
/** Runs the (pure) compiler in the browser shortly after the draft stops changing; selection alone never recompiles. */
import { useEffect, useMemo, useState } from 'react';
import { compileJourney, type CompileResult, type Problem } from '@/lib/journey/compiler';
import type { ScoringRule } from '@/lib/scoring/rules';
import { toDraft } from './transforms';
import type { EditorGraph } from './types';

export function useDraftKey(graph: EditorGraph): string {
  return useMemo(() => JSON.stringify(toDraft(graph)), [graph]);
}

export function useCompile(draftKey: string, opts: { name: string; scoringRules: readonly ScoringRule[]; knownTemplates: readonly string[] }, delayMs = 250) {
  const { name, scoringRules, knownTemplates } = opts;
  const [result, setResult] = useState<CompileResult | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      setResult(compileJourney(JSON.parse(draftKey) as ReturnType<typeof toDraft>, { name, scoringRules, knownTemplates }));
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draftKey, name, scoringRules, knownTemplates, delayMs]);
  return result;
}

/** Problems keyed by the node they concern; an edge's problem belongs to its source node. */
export function byNode(problems: readonly Problem[], edgeSource: (edgeId: string) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const id = p.nodeId ?? (p.edgeId ? edgeSource(p.edgeId) : undefined) ?? 'journey';
    const list = out.get(id);
    if (list) list.push(p.message);
    else out.set(id, [p.message]);
  }
  return out;
}
