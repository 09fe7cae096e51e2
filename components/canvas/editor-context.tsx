'use client';
/** What the canvas shares with its nodes without touching node objects: the store, and decorations (problems, overlay, simulated path). */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Problem } from '@/lib/journey/compiler';
import type { NodeOverlay } from '@/server/routers/journeys';
import type { EditorStore } from './store';
import type { EditorGraph } from './types';

export const StoreContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useEditorStore outside <StoreContext>');
  return store;
}

export function useGraph(): EditorGraph {
  const store = useEditorStore();
  return useSyncExternalStore(store.subscribe, store.graph, store.graph);
}

export function useHistoryFlags(): { canUndo: boolean; canRedo: boolean } {
  const store = useEditorStore();
  const canUndo = useSyncExternalStore(store.subscribe, () => store.getState().history.past.length > 0, () => false);
  const canRedo = useSyncExternalStore(store.subscribe, () => store.getState().history.future.length > 0, () => false);
  return { canUndo, canRedo };
}

export interface Decorations {
  problems: ReadonlyMap<string, readonly Problem[]>;
  warnings: ReadonlyMap<string, readonly Problem[]>;
  overlay: Readonly<Record<string, NodeOverlay>> | null;
  /** The live version's goal in words: the overlay's ★ counts leads that met it instead of reaching a hand-off. */
  overlayGoal?: string | null;
  path: ReadonlySet<string>;
  templateLabels: Readonly<Record<string, string>>;
}

export const DecorationsContext = createContext<Decorations>({
  problems: new Map(),
  warnings: new Map(),
  overlay: null,
  path: new Set(),
  templateLabels: {},
});
