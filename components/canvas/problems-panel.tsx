'use client';
/** The compiler's problems, one entry per step; choosing one selects and centres that step. */
import { useReactFlow } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import type { Problem } from '@/lib/journey/compiler';
import { useEditorStore, useGraph } from './editor-context';
import { byNode } from './use-compile';
import { useProblemText } from './use-problem-text';
import { useStepTitle } from './use-step-title';

export function ProblemsPanel({ problems, warnings }: { problems: readonly Problem[]; warnings: readonly Problem[] }) {
  const t = useTranslations('journeyEditor.problems');
  const store = useEditorStore();
  const graph = useGraph();
  const flow = useReactFlow();
  const stepTitle = useStepTitle();
  const say = useProblemText();
  const edgeSource = (id: string) => graph.edges.find((e) => e.id === id)?.source;
  const grouped = byNode(problems, edgeSource);
  const names = new Map(graph.nodes.map((n) => [n.id, n.data.label.trim() ? stepTitle(n) : n.id]));
  const focus = (nodeId: string) => {
    if (!names.has(nodeId)) return;
    store.select([nodeId]);
    void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
  };
  return (
    <section className="card problems" aria-label={t('label')}>
      <h2>{t('title', { count: problems.length })}</h2>
      {problems.length === 0 && <p className="muted">
          {t('none')} {warnings.length > 0 && t('warnings', { count: warnings.length })}
        </p>}
      <ul data-testid="problems" className="problem-list">
        {[...grouped].map(([nodeId, messages]) => (
          <li key={nodeId} data-testid={`problem-${nodeId}`}>
            <button type="button" className="problem-link" onClick={() => focus(nodeId)} disabled={!names.has(nodeId)}>
              <strong>{names.get(nodeId) ?? t('journey')}</strong>
              {messages.map((m, i) => (
                <span key={i} className="problem-message">
                  {say(m)}
                </span>
              ))}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
