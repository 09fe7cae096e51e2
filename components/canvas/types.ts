/** The editor's React Flow types: one node type per journey node kind, data typed by kind. */
import type { Edge, Node } from '@xyflow/react';
import type { NodeConfig, NodeKind } from '@/lib/journey/definition';

export type FlowNodeData<K extends NodeKind = NodeKind> = { label: string; config: NodeConfig<K> };

/** `Node<Data, 'kind'>` for every kind, so narrowing on `type` narrows `data.config`. */
export type FlowNodeOf<K extends NodeKind> = Node<FlowNodeData<K>, K>;
export type FlowNode = { [K in NodeKind]: FlowNodeOf<K> }[NodeKind];
export type FlowEdge = Edge;

export interface EditorGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}
