'use client';
/** The side panel: edits the one selected node's name and config, and lists what is wrong with it. */
import { useContext } from 'react';
import { NODE_KIND_LABELS } from '@/lib/journey/graph';
import { ConfigForm, type FormOptions } from './config-form';
import { DecorationsContext, useEditorStore, useGraph } from './editor-context';
import { TextField } from './fields';

export function Inspector({ options }: { options: FormOptions }) {
  const store = useEditorStore();
  const graph = useGraph();
  const deco = useContext(DecorationsContext);
  const selected = graph.nodes.filter((n) => n.selected);
  const node = selected.length === 1 ? selected[0] : undefined;
  if (!node) {
    return (
      <aside className="inspector card" aria-label="Step settings">
        <p className="muted">{selected.length > 1 ? `${selected.length} steps selected. Delete, copy or drag them together.` : 'Select a step to edit it.'}</p>
      </aside>
    );
  }
  const problems = deco.problems.get(node.id) ?? [];
  const warnings = deco.warnings.get(node.id) ?? [];
  return (
    <aside className="inspector card" aria-label="Step settings" data-testid="inspector">
      <h2>{NODE_KIND_LABELS[node.type]}</h2>
      {problems.length > 0 && (
        <ul className="inspector-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="inspector-warnings">
          {warnings.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <TextField label="Name" value={node.data.label} onChange={(label) => store.updateNode(node.id, { label }, 'label')} />
        <ConfigForm key={node.id} node={node} options={options} onChange={(config, field) => store.updateNode(node.id, { config }, field)} />
      </form>
      <p className="muted small">Id: {node.id}</p>
    </aside>
  );
}
