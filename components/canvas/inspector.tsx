'use client';
/** The side panel: edits the one selected node's name and config, and lists what is wrong with it. */
import { useTranslations } from 'next-intl';
import { useContext } from 'react';
import { ConfigForm, type FormOptions } from './config-form';
import { DecorationsContext, useEditorStore, useGraph } from './editor-context';
import { TextField } from './fields';
import { useKindLabel } from './use-kind-label';
import { useProblemText } from './use-problem-text';
import { useStepTitle } from './use-step-title';

export function Inspector({ options }: { options: FormOptions }) {
  const t = useTranslations('journeyEditor.inspector');
  const kindLabel = useKindLabel();
  const stepTitle = useStepTitle();
  const say = useProblemText();
  const store = useEditorStore();
  const graph = useGraph();
  const deco = useContext(DecorationsContext);
  const selected = graph.nodes.filter((n) => n.selected);
  const node = selected.length === 1 ? selected[0] : undefined;
  if (!node) {
    return (
      <aside className="inspector card" aria-label={t('label')}>
        <p className="muted">{selected.length > 1 ? t('many', { count: selected.length }) : t('none')}</p>
      </aside>
    );
  }
  const problems = deco.problems.get(node.id) ?? [];
  const warnings = deco.warnings.get(node.id) ?? [];
  return (
    <aside className="inspector card" aria-label={t('label')} data-testid="inspector">
      <h2>{kindLabel(node.type)}</h2>
      {problems.length > 0 && (
        <ul className="inspector-problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}>{say(p)}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="inspector-warnings">
          {warnings.map((p, i) => (
            <li key={i}>{say(p)}</li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        {/* A title the editor chose reads in the reader's language; one with spaces at its ends is mid-typing and shows as typed. */}
        <TextField label={t('name')} value={node.data.label.trim() === node.data.label && node.data.label !== '' ? stepTitle(node) : node.data.label} onChange={(label) => store.updateNode(node.id, { label }, 'label')} />
        <ConfigForm key={node.id} node={node} options={options} onChange={(config, field) => store.updateNode(node.id, { config }, field)} />
      </form>
      <p className="muted small">{t('id', { id: node.id })}</p>
    </aside>
  );
}
