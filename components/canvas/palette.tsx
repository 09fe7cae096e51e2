'use client';
/** Every node kind: click (or Enter) adds it at the centre of the view; drag drops it where you let go. */
import { NODE_KINDS, type NodeKind } from '@/lib/journey/definition';
import { NODE_KIND_LABELS } from '@/lib/journey/graph';

export const DRAG_TYPE = 'application/x-leadflow-node';

export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  return (
    <nav className="palette card" aria-label="Add a step">
      <h2>Steps</h2>
      {NODE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className="secondary palette-item"
          data-testid={`palette-${kind}`}
          draggable
          aria-label={`Add ${NODE_KIND_LABELS[kind]}`}
          onClick={() => onAdd(kind)}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, kind);
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          {NODE_KIND_LABELS[kind]}
        </button>
      ))}
    </nav>
  );
}
