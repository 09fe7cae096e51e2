/** React Flow node types, at module scope so their identity never changes between renders. */
import type { NodeTypes } from '@xyflow/react';
import { NODE_KINDS } from '@/lib/journey/definition';
import { JourneyNode } from './journey-node';

export const nodeTypes: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, JourneyNode]));
