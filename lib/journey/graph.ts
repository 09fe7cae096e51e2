/** The React Flow canvas graph, its loose draft schema, and pure converters to and from the journey definition. */
import { findPrototypeKey } from '@/lib/api/property-entries';
import { z } from 'zod';
import {
  JOURNEY_SCHEMA_VERSION,
  NODE_KINDS,
  type JourneyDefinition,
  type JourneyNode,
  type NodeConfig,
  type NodeKind,
} from './definition';
import { autoLayout, type XY } from './layout';

export type { XY } from './layout';

export interface CanvasNodeData<K extends NodeKind = NodeKind> {
  label: string;
  config: NodeConfig<K>;
}

export interface CanvasNodeOf<K extends NodeKind> {
  id: string;
  type: K;
  position: XY;
  data: CanvasNodeData<K>;
}

/** A node whose `type` tells its config's shape, as React Flow's `Node<Data, 'kind'>` union. */
export type CanvasNode = { [K in NodeKind]: CanvasNodeOf<K> }[NodeKind];

export interface CanvasEdge {
  id: string;
  source: string;
  /** The source node's output name (a React Flow handle id). */
  sourceHandle: string;
  target: string;
  targetHandle?: string | null;
}

export interface CanvasGraph {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

const xySchema = z.object({ x: z.number(), y: z.number() });

/**
 * Accepts a half-edited draft: configs are not checked (the compiler does that) and React Flow's
 * runtime fields (selected, measured, …) are stripped so stored drafts stay small and stable.
 */
export const canvasGraphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string().min(1),
      type: z.enum(NODE_KINDS as [NodeKind, ...NodeKind[]]),
      position: xySchema.default({ x: 0, y: 0 }),
      data: z.object({
        label: z.string().default(''),
        // Unchecked until publish, but never a key that would break loading the editor again.
        config: z.unknown().superRefine((config, ctx) => {
          const at = findPrototypeKey(config);
          if (at) ctx.addIssue({ code: 'custom', path: at, message: `"${String(at.at(-1))}" is not allowed as a key` });
        }),
      }),
    }),
  ),
  edges: z.array(
    z.object({
      id: z.string().min(1),
      source: z.string().min(1),
      sourceHandle: z
        .string()
        .nullish()
        .transform((h) => h ?? ''),
      target: z.string().min(1),
      targetHandle: z.string().nullish(),
    }),
  ),
});

/** What a stored draft holds: node configs are unchecked. A `CanvasGraph` is always a valid draft. */
export type DraftCanvasGraph = z.output<typeof canvasGraphSchema>;
export type DraftCanvasNode = DraftCanvasGraph['nodes'][number];
export type DraftCanvasEdge = DraftCanvasGraph['edges'][number];

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  trigger: 'Trigger',
  score_branch: 'Score branch',
  condition: 'Condition',
  ab_split: 'A/B split',
  send_email: 'Send email',
  wait: 'Wait',
  wait_for_event: 'Wait for event',
  handoff: 'Sales hand-off',
  update_lead: 'Update lead',
  webhook: 'Webhook',
  exit: 'Exit',
};

/** Kinds with exactly one output named `next`; an edge without a handle id leaves from it. */
const SINGLE_OUTPUT: ReadonlySet<NodeKind> = new Set(['trigger', 'send_email', 'wait', 'handoff', 'update_lead', 'webhook']);

/** The output an edge leaves from; React Flow omits the handle id on nodes with one unnamed handle. */
export function edgeOutput(edge: { sourceHandle?: string | null }, sourceKind: NodeKind | undefined): string {
  if (edge.sourceHandle) return edge.sourceHandle;
  return sourceKind && SINGLE_OUTPUT.has(sourceKind) ? 'next' : '';
}

/** Converts without validating configs: the caller (the compiler) decides whether the result is publishable. */
export function graphToDefinition(graph: CanvasGraph | DraftCanvasGraph, name: string): JourneyDefinition {
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.type]));
  return {
    schemaVersion: JOURNEY_SCHEMA_VERSION,
    name,
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.type, label: n.data.label, config: n.data.config }) as JourneyNode),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, output: edgeOutput(e, kinds.get(e.source)), target: e.target })),
  };
}

export { autoLayout, LAYOUT } from './layout';

export function definitionToGraph(def: JourneyDefinition, positions?: Readonly<Record<string, XY>>): CanvasGraph {
  const layout = positions ?? autoLayout(def);
  return {
    nodes: def.nodes.map(
      (n) =>
        ({
          id: n.id,
          type: n.kind,
          position: layout[n.id] ?? { x: 0, y: 0 },
          data: { label: n.label, config: n.config },
        }) as CanvasNode,
    ),
    edges: def.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.output, target: e.target })),
  };
}

/** A fresh, sensible config for a node dropped from the palette; blanks the marketer must fill are left blank on purpose. */
export function defaultConfig<K extends NodeKind>(kind: K): NodeConfig<K> {
  const configs: { [P in NodeKind]: () => NodeConfig<P> } = {
    trigger: () => ({ on: 'lead_captured' }),
    score_branch: () => ({
      ranges: [
        { output: 'cold', label: 'Cold (< 20)', min: null, max: 19 },
        { output: 'warm', label: 'Warm (20–44)', min: 20, max: 44 },
        { output: 'engaged', label: 'Engaged (45–59)', min: 45, max: 59 },
        { output: 'hot', label: 'Hot (≥ 60)', min: 60, max: null },
      ],
    }),
    condition: () => ({ match: 'all', rules: [{ field: 'score', op: 'gte', value: 60 }] }),
    ab_split: () => ({
      variants: [
        { id: 'a', label: 'A', weight: 50 },
        { id: 'b', label: 'B', weight: 50 },
      ],
    }),
    send_email: () => ({ template: '', variants: [], oncePerLead: true }),
    wait: () => ({ duration: { amount: 1, unit: 'days' } }),
    wait_for_event: () => ({ eventTypes: [], timeout: { amount: 7, unit: 'days' } }),
    handoff: () => ({ owner: { mode: 'round_robin' }, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false }),
    update_lead: () => ({ addTags: [] }),
    webhook: () => ({ url: '', method: 'POST' }),
    exit: () => ({ archive: false }),
  };
  return configs[kind]();
}
