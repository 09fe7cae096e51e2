/** The editor's state: the graph with its undo history and the clipboard, as a tiny subscribable store (no React, so tests run in node). */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { NodeKind } from '@/lib/journey/definition';
import type { XY } from '@/lib/journey/graph';
import { autoTitle, isAutoTitle } from './node-titles';
import { checkpoint, commit, createHistory, redo, replace, undo, type History } from './history';
import * as t from './transforms';
import type { EditorGraph, FlowNode } from './types';

export interface EditorState {
  history: History<EditorGraph>;
  clipboard: t.Clipboard | null;
  /** How many pastes since the last copy, so repeated pastes cascade instead of stacking. */
  pastes: number;
}

export type EditorStore = ReturnType<typeof createEditorStore>;

/** Changes that are part of an edit worth undoing; selection, measuring and mid-drag moves are not. */
const isEdit = (c: NodeChange<FlowNode> | EdgeChange) => c.type === 'remove' || c.type === 'add' || c.type === 'replace';

export function createEditorStore(initial: EditorGraph, makeId: t.MakeId = t.randomId, templateLabels: Readonly<Record<string, string>> = {}) {
  let state: EditorState = { history: createHistory(initial), clipboard: null, pastes: 0 };
  // Steps placed by the editor whose real size is not measured yet; they are moved clear once it is.
  const unsettled = new Set<string>();
  const listeners = new Set<() => void>();
  const set = (next: Partial<EditorState>) => {
    state = { ...state, ...next };
    for (const l of listeners) l();
  };
  const graph = () => state.history.present;
  const edit = (next: EditorGraph, key: string | null = null) => set({ history: commit(state.history, next, key) });

  return {
    getState: () => state,
    graph,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    onNodesChange: (changes: NodeChange<FlowNode>[]) => {
      const g = graph();
      let next = { nodes: applyNodeChanges(changes, g.nodes), edges: g.edges };
      const measured = new Set<string>();
      for (const c of changes) {
        if (c.type === 'position' || c.type === 'remove') unsettled.delete(c.id);
        else if (c.type === 'dimensions' && c.dimensions && unsettled.delete(c.id)) measured.add(c.id);
      }
      // Part of the step's addition, not an undo point of its own.
      if (measured.size > 0) next = t.settlePlaced(next, measured);
      set({ history: changes.some(isEdit) ? commit(state.history, next) : replace(state.history, next) });
    },
    onEdgesChange: (changes: EdgeChange[]) => {
      const g = graph();
      const next = { nodes: g.nodes, edges: applyEdgeChanges(changes, g.edges) };
      set({ history: changes.some(isEdit) ? commit(state.history, next) : replace(state.history, next) });
    },
    /** Called when a drag starts: the positions before it become the undo point. */
    checkpoint: () => {
      set({ history: checkpoint(state.history) });
    },
    connect: (conn: t.ConnectionLike) => {
      edit(t.connect(graph(), conn));
    },
    addNode: (kind: NodeKind, position: XY): string => {
      const { graph: next, id } = t.addNode(graph(), kind, position, makeId);
      edit(next);
      return id;
    },
    /** Places a new step in free space beside the selection (or at `wanted`) so it never lands on another. */
    addNodeNear: (kind: NodeKind, wanted: XY, opts?: { besideSelection?: boolean }): string => {
      const { graph: next, id } = t.addNode(graph(), kind, t.placeNew(graph(), kind, wanted, opts), makeId);
      edit(next);
      unsettled.add(id);
      return id;
    },
    /** Typing in one field of one node coalesces into a single undo step; an editor-chosen title follows the settings. */
    updateNode: (id: string, patch: { label?: string; config?: unknown }, field = 'config') => {
      const before = graph().nodes.find((n) => n.id === id);
      let next = t.updateNodeData(graph(), id, patch);
      if (before && patch.label === undefined && patch.config !== undefined && isAutoTitle(before, templateLabels)) {
        const after = next.nodes.find((n) => n.id === id)!;
        const title = autoTitle(after, templateLabels);
        if (title !== after.data.label) next = t.updateNodeData(next, id, { label: title });
      }
      edit(t.pruneDanglingEdges(next), `${id}:${field}`);
    },
    select: (nodeIds: readonly string[]) => {
      set({ history: replace(state.history, t.selectOnly(graph(), nodeIds)) });
    },
    deleteSelected: () => {
      edit(t.removeSelected(graph()));
    },
    copy: () => {
      const clip = t.copySelection(graph());
      if (clip) set({ clipboard: clip, pastes: 0 });
    },
    paste: () => {
      if (!state.clipboard) return;
      const step = 40 * (state.pastes + 1);
      const next = t.paste(graph(), state.clipboard, { x: step, y: step }, makeId);
      set({ history: commit(state.history, next), pastes: state.pastes + 1 });
    },
    layout: () => {
      edit(t.layout(graph()));
    },
    undo: () => {
      set({ history: undo(state.history) });
    },
    redo: () => {
      set({ history: redo(state.history) });
    },
    /** Replaces everything (a reload from the server); not undoable. */
    reset: (next: EditorGraph) => {
      set({ history: createHistory(next), pastes: 0 });
    },
  };
}
