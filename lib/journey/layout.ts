/** Layered left-to-right layout (dagre) and free-space placement for the canvas; pure, synchronous, node-safe. */
import dagre from '@dagrejs/dagre';
import { nodeOutputs, type JourneyDefinition, type JourneyNode } from './definition';

export interface XY {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Rect extends XY, Size {}

/** A node's footprint when the browser has not measured it yet: title block plus one row per output. */
export function estimatedSize(outputs: number): Size {
  return { width: 200, height: 74 + 20 * outputs };
}

function sizeOf(node: JourneyNode, sizes?: Readonly<Record<string, Size>>): Size {
  const measured = sizes?.[node.id];
  if (measured) return measured;
  try {
    return estimatedSize(nodeOutputs(node).length);
  } catch {
    return estimatedSize(1);
  }
}

export const LAYOUT = { rankSep: 110, nodeSep: 40 } as const;

/**
 * dagre's layered layout rather than ELK: it is already a dependency, runs synchronously (so
 * auto-layout stays one undoable store edit and the server can lay out seeded graphs), and every
 * node, connected or not, gets a rank. Edges are added in output order so a node's first output
 * tends to lead to the upper neighbour, matching the handle order on the node.
 */
export function autoLayout(def: Pick<JourneyDefinition, 'nodes' | 'edges'>, sizes?: Readonly<Record<string, Size>>): Record<string, XY> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranksep: LAYOUT.rankSep, nodesep: LAYOUT.nodeSep, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(def.nodes.map((n) => n.id));
  // Triggers first so they land in the first rank's top slots.
  const ordered = [...def.nodes].sort((a, b) => Number(b.kind === 'trigger') - Number(a.kind === 'trigger'));
  for (const n of ordered) g.setNode(n.id, sizeOf(n, sizes));
  const constraints: { left: string; right: string }[] = [];
  for (const n of ordered) {
    let outputs: string[] = [];
    try {
      outputs = nodeOutputs(n);
    } catch {
      outputs = [];
    }
    const edges = def.edges.filter((e) => e.source === n.id && ids.has(e.target));
    edges.sort((a, b) => outputs.indexOf(a.output) - outputs.indexOf(b.output));
    for (const e of edges) if (e.source !== e.target) g.setEdge(e.source, e.target, {}, e.id);
    const targets = [...new Set(edges.map((e) => e.target))].filter((t) => t !== n.id);
    for (let i = 1; i < targets.length; i++) constraints.push({ left: targets[i - 1]!, right: targets[i]! });
  }
  try {
    dagre.layout(g, { constraints });
  } catch {
    // Constraints between steps that end up in different layers cannot hold; order freely then.
    dagre.layout(g);
  }
  const boxes = new Map<string, Rect>();
  for (const n of def.nodes) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number } | undefined;
    // dagre gives centres; React Flow positions are top-left corners.
    if (p) boxes.set(n.id, { x: Math.round(p.x - p.width / 2), y: Math.round(p.y - p.height / 2), width: p.width, height: p.height });
  }
  alignToParents(def, boxes);
  const positions: Record<string, XY> = {};
  for (const [id, b] of boxes) positions[id] = { x: b.x, y: b.y };
  return positions;
}

/**
 * dagre keeps ranks apart but may order a column against the outputs feeding it; re-stack each
 * column, left to right, by where its inputs leave their sources (source top + the output's row),
 * so an output's edge runs to the step beside it and edges from one step do not cross.
 */
function alignToParents(def: Pick<JourneyDefinition, 'nodes' | 'edges'>, boxes: Map<string, Rect>): void {
  const outputRow = new Map<string, number>();
  for (const n of def.nodes) {
    try {
      nodeOutputs(n).forEach((o, i) => outputRow.set(`${n.id}\u0000${o}`, i));
    } catch {
      // A half-edited node has no outputs yet.
    }
  }
  const columns = new Map<number, string[]>();
  for (const [id, b] of boxes) {
    const c = Math.round(b.x + b.width / 2);
    columns.set(c, [...(columns.get(c) ?? []), id]);
  }
  for (const x of [...columns.keys()].sort((a, b) => a - b)) {
    const ids = columns.get(x)!;
    const key = new Map<string, number>();
    for (const id of ids) {
      const ins = def.edges.filter((e) => e.target === id && boxes.has(e.source) && boxes.get(e.source)!.x + boxes.get(e.source)!.width / 2 < x);
      const own = boxes.get(id)!;
      key.set(id, ins.length === 0 ? own.y : Math.min(...ins.map((e) => boxes.get(e.source)!.y + 20 * (outputRow.get(`${e.source}\u0000${e.output}`) ?? 0))));
    }
    ids.sort((a, b) => key.get(a)! - key.get(b)! || boxes.get(a)!.y - boxes.get(b)!.y);
    let bottom = -Infinity;
    for (const id of ids) {
      const b = boxes.get(id)!;
      b.y = Math.round(Math.max(key.get(id)!, bottom + LAYOUT.nodeSep));
      bottom = b.y + b.height;
    }
  }
}

const GAP = 24;

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

/**
 * The spot nearest to `wanted` where a node of `size` overlaps none of `taken`: tries `wanted`, then
 * rings of candidates around it, below before above and right before left, so new steps read in order.
 */
export function freeSpot(wanted: XY, size: Size, taken: readonly Rect[]): XY {
  const fits = (p: XY) => !taken.some((r) => overlaps({ ...p, ...size }, r));
  if (fits(wanted)) return wanted;
  const stepX = size.width + GAP;
  const stepY = Math.round((size.height + GAP) / 2);
  for (let ring = 1; ring < 40; ring++) {
    const candidates: XY[] = [];
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        candidates.push({ x: wanted.x + dx * stepX, y: wanted.y + dy * stepY });
      }
    }
    candidates.sort((a, b) => {
      const da = Math.hypot((a.x - wanted.x) / stepX, (a.y - wanted.y) / stepY);
      const db = Math.hypot((b.x - wanted.x) / stepX, (b.y - wanted.y) / stepY);
      return da - db || b.y - a.y || b.x - a.x;
    });
    const found = candidates.find(fits);
    if (found) return found;
  }
  return { x: wanted.x, y: Math.max(...taken.map((r) => r.y + r.height), wanted.y) + GAP };
}
