/** Constant-time lookups over a journey definition for the interpreter: nodes by id, edge targets by (node, output). */
import type { JourneyDefinition, JourneyNode } from '../definition';
import { JourneyDefinitionError } from './runtime';

export interface DefinitionIndex {
  startNodeId: string;
  node(id: string): JourneyNode;
  /** The node an output leads to, or null when the journey ends there. */
  target(nodeId: string, output: string): string | null;
}

export function indexDefinition(def: JourneyDefinition): DefinitionIndex {
  const nodes = new Map(def.nodes.map((n) => [n.id, n]));
  const edges = new Map<string, string>();
  for (const e of def.edges) {
    // The first edge wins for a duplicated (source, output); the compiler reports duplicates.
    const key = `${e.source}\u0000${e.output}`;
    if (!edges.has(key)) edges.set(key, e.target);
  }
  const start = def.nodes.find((n) => n.kind === 'trigger') ?? def.nodes[0];
  if (!start) throw new JourneyDefinitionError('journey has no nodes');
  return {
    startNodeId: start.id,
    node(id) {
      const n = nodes.get(id);
      if (!n) throw new JourneyDefinitionError(`journey "${def.name}" has no node "${id}"`);
      return n;
    },
    target(nodeId, output) {
      return edges.get(`${nodeId}\u0000${output}`) ?? null;
    },
  };
}
