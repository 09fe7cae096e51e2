/** Pure graph edits for the editor; each returns a new graph and keeps every untouched node and edge object as it was. */
import { nodeOutputs, type JourneyNode, type NodeKind } from '@/lib/journey/definition';
import { autoLayout, defaultConfig, edgeOutput, graphToDefinition, NODE_KIND_LABELS, type DraftCanvasGraph, type XY } from '@/lib/journey/graph';
import { estimatedSize, freeSpot, type Rect } from '@/lib/journey/layout';
import type { EditorGraph, FlowEdge, FlowNode } from './types';

export type MakeId = (prefix: string, taken: ReadonlySet<string>) => string;

export const randomId: MakeId = (prefix, taken) => {
  for (;;) {
    const id = `${prefix}-${Math.random().toString(36).slice(2, 7)}`;
    if (!taken.has(id)) return id;
  }
};

const idsOf = (graph: EditorGraph) => new Set<string>([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);

/** Flips `selected` only where it differs, so unchanged objects keep their identity. */
function withSelected<T extends { selected?: boolean }>(item: T, selected: boolean): T {
  return (item.selected ?? false) === selected ? item : { ...item, selected };
}

export function fromDraft(draft: DraftCanvasGraph): EditorGraph {
  return {
    nodes: draft.nodes.map((n) => ({ id: n.id, type: n.type, position: n.position, data: { label: n.data.label, config: n.data.config } }) as FlowNode),
    edges: draft.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle || null, target: e.target })),
  };
}

/** What is stored: React Flow's runtime fields (selected, measured, dragging…) are dropped. */
export function toDraft(graph: EditorGraph): DraftCanvasGraph {
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.type]));
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, type: n.type, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) }, data: { label: n.data.label, config: n.data.config } })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: edgeOutput(e, kinds.get(e.source)), target: e.target, targetHandle: null })),
  };
}

/** A stable string of the stored shape: selection and measuring never look like an edit. */
export const draftKey = (graph: EditorGraph) => JSON.stringify(toDraft(graph));

export function asJourneyNode(node: FlowNode): JourneyNode {
  return { id: node.id, kind: node.type, label: node.data.label, config: node.data.config } as JourneyNode;
}

/** The node's outputs; a half-edited config that lacks its list yields none rather than throwing. */
export function outputsOf(node: FlowNode): string[] {
  try {
    return nodeOutputs(asJourneyNode(node));
  } catch {
    return [];
  }
}

/** What an output means, for handle labels: the range label, the variant label, `event` / `timeout`. */
export function outputLabel(node: FlowNode, output: string): string {
  if (node.type === 'score_branch') {
    const r = node.data.config.ranges.find((x) => x.output === output);
    if (!r) return output;
    if (r.label.trim()) return r.label;
    if (r.min === null) return `≤ ${r.max ?? '∞'}`;
    return r.max === null ? `≥ ${r.min}` : `${r.min}–${r.max}`;
  }
  if (node.type === 'ab_split') {
    const v = node.data.config.variants.find((x) => x.id === output);
    return v ? `${v.label || v.id} (${v.weight}%)` : output;
  }
  return output;
}

export function addNode(graph: EditorGraph, kind: NodeKind, position: XY, makeId: MakeId = randomId): { graph: EditorGraph; id: string } {
  const id = makeId(kind.replace(/_/g, '-'), idsOf(graph));
  const node = { id, type: kind, position, selected: true, data: { label: NODE_KIND_LABELS[kind], config: defaultConfig(kind) } } as FlowNode;
  return {
    id,
    graph: { nodes: [...graph.nodes.map((n) => withSelected(n, false)), node], edges: graph.edges.map((e) => withSelected(e, false)) },
  };
}

export function selectOnly(graph: EditorGraph, nodeIds: readonly string[]): EditorGraph {
  const keep = new Set(nodeIds);
  return { nodes: graph.nodes.map((n) => withSelected(n, keep.has(n.id))), edges: graph.edges.map((e) => withSelected(e, false)) };
}

/** Removes selected nodes, selected edges and every edge touching a removed node. */
export function removeSelected(graph: EditorGraph): EditorGraph {
  const gone = new Set(graph.nodes.filter((n) => n.selected).map((n) => n.id));
  const edges = graph.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
  if (gone.size === 0 && edges.length === graph.edges.length) return graph;
  return { nodes: graph.nodes.filter((n) => !gone.has(n.id)), edges };
}

export interface Clipboard {
  nodes: FlowNode[];
  /** Only edges with both ends copied. */
  edges: FlowEdge[];
}

export function copySelection(graph: EditorGraph): Clipboard | null {
  const nodes = graph.nodes.filter((n) => n.selected);
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** Pastes with fresh ids (a pasted node never shares an id with its original), offset, selected. */
export function paste(graph: EditorGraph, clip: Clipboard, offset: XY = { x: 40, y: 40 }, makeId: MakeId = randomId): EditorGraph {
  const taken = idsOf(graph);
  const remap = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = makeId(n.type.replace(/_/g, '-'), taken);
    taken.add(id);
    remap.set(n.id, id);
    return {
      id,
      type: n.type,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
      selected: true,
      data: structuredClone(n.data),
    } as FlowNode;
  });
  const edges = clip.edges.map((e) => {
    const id = makeId('e', taken);
    taken.add(id);
    return { id, source: remap.get(e.source)!, sourceHandle: e.sourceHandle ?? null, target: remap.get(e.target)! };
  });
  return {
    nodes: [...graph.nodes.map((n) => withSelected(n, false)), ...nodes],
    edges: [...graph.edges.map((e) => withSelected(e, false)), ...edges],
  };
}

export function updateNodeData(graph: EditorGraph, id: string, patch: { label?: string; config?: unknown }): EditorGraph {
  return {
    nodes: graph.nodes.map((n) => (n.id === id ? ({ ...n, data: { ...n.data, ...patch } } as FlowNode) : n)),
    edges: graph.edges,
  };
}

/** Edges whose output no longer exists (a removed score range or variant) are dropped with it. */
export function pruneDanglingEdges(graph: EditorGraph): EditorGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = graph.edges.filter((e) => {
    const src = byId.get(e.source);
    return src !== undefined && byId.has(e.target) && outputsOf(src).includes(edgeOutput(e, src.type));
  });
  return edges.length === graph.edges.length ? graph : { nodes: graph.nodes, edges };
}

/** What a node occupies: React Flow's measurement once rendered, else an estimate from its outputs. */
export function rectOf(node: FlowNode): Rect {
  const est = estimatedSize(outputsOf(node).length);
  return { x: node.position.x, y: node.position.y, width: node.measured?.width ?? est.width, height: node.measured?.height ?? est.height };
}

/**
 * Where a new step goes: next to the selected step (to its right) when there is one, else at the
 * wanted point (the drop point or the view's centre); then moved to the nearest free space.
 */
export function placeNew(graph: EditorGraph, kind: NodeKind, wanted: XY, { besideSelection = true } = {}): XY {
  const size = estimatedSize(kind === 'exit' ? 0 : kind === 'score_branch' ? 4 : kind === 'ab_split' || kind === 'condition' || kind === 'wait_for_event' ? 2 : 1);
  const selected = besideSelection ? graph.nodes.filter((n) => n.selected) : [];
  const anchor = selected.length === 1 ? rectOf(selected[0]!) : null;
  const start = anchor ? { x: anchor.x + anchor.width + 80, y: anchor.y } : wanted;
  const p = freeSpot({ x: Math.round(start.x), y: Math.round(start.y) }, size, graph.nodes.map(rectOf));
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/**
 * Moves steps the editor just placed (by their estimated size) clear of the others once their real,
 * measured size is known: a new step's problem notes can make it twice as tall as its estimate.
 */
export function settlePlaced(graph: EditorGraph, ids: ReadonlySet<string>): EditorGraph {
  let nodes = graph.nodes;
  for (const id of ids) {
    const node = nodes.find((n) => n.id === id);
    if (!node?.measured?.width || !node.measured.height) continue;
    const own = rectOf(node);
    const p = freeSpot(node.position, { width: own.width, height: own.height }, nodes.filter((n) => n.id !== id).map(rectOf));
    if (p.x !== node.position.x || p.y !== node.position.y) nodes = nodes.map((n) => (n === node ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n));
  }
  return nodes === graph.nodes ? graph : { nodes, edges: graph.edges };
}

export function layout(graph: EditorGraph): EditorGraph {
  const sizes = Object.fromEntries(graph.nodes.map((n) => { const r = rectOf(n); return [n.id, { width: r.width, height: r.height }]; }));
  const positions = autoLayout(graphToDefinition(toDraft(graph), 'layout'), sizes);
  return {
    nodes: graph.nodes.map((n) => {
      const p = positions[n.id];
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? ({ ...n, position: p }) : n;
    }),
    edges: graph.edges,
  };
}

export interface ConnectionLike {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/** Why a connection is refused, in words a marketer can read; null when it is fine. */
export function connectionProblem(conn: ConnectionLike, graph: EditorGraph): string | null {
  const source = graph.nodes.find((n) => n.id === conn.source);
  const target = graph.nodes.find((n) => n.id === conn.target);
  if (!source || !target) return 'Connect two steps.';
  if (source.id === target.id) return 'A step cannot lead into itself.';
  if (target.type === 'trigger') return 'Nothing can lead into a trigger: it is where the journey starts.';
  const output = edgeOutput({ sourceHandle: conn.sourceHandle ?? null }, source.type);
  if (!outputsOf(source).includes(output)) return 'That step has no such output.';
  if (graph.edges.some((e) => e.source === source.id && edgeOutput(e, source.type) === output)) return 'That output is already connected; delete its arrow first.';
  return null;
}

export const isValidConnection = (conn: ConnectionLike, graph: EditorGraph) => connectionProblem(conn, graph) === null;

export function connect(graph: EditorGraph, conn: ConnectionLike): EditorGraph {
  if (!isValidConnection(conn, graph)) return graph;
  const source = graph.nodes.find((n) => n.id === conn.source)!;
  const output = edgeOutput({ sourceHandle: conn.sourceHandle ?? null }, source.type);
  const edge: FlowEdge = { id: `e-${source.id}-${output}-${conn.target!}`, source: source.id, sourceHandle: output, target: conn.target! };
  return { nodes: graph.nodes, edges: [...graph.edges, edge] };
}
