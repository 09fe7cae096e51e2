'use client';
/** Every node kind: click (or Enter) adds it at the centre of the view; drag drops it where you let go. */
import { useTranslations } from 'next-intl';
import { NODE_KINDS, type NodeKind } from '@/lib/journey/definition';
import { useKindLabel } from './use-kind-label';

export const DRAG_TYPE = 'application/x-leadflow-node';

export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  const t = useTranslations('journeyEditor.palette');
  const kindLabel = useKindLabel();
  return (
    <nav className="palette card" aria-label={t('label')}>
      <h2>{t('title')}</h2>
      {NODE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className="secondary palette-item"
          data-testid={`palette-${kind}`}
          draggable
          aria-label={t('add', { kind: kindLabel(kind) })}
          onClick={() => onAdd(kind)}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, kind);
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          {kindLabel(kind)}
        </button>
      ))}
    </nav>
  );
}
