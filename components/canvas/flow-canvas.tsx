'use client';
/** The React Flow surface: controlled by the store, refusing nonsense connections, accepting palette drops. */
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge } from '@xyflow/react';
import { useCallback, useContext, useMemo, type DragEvent, type RefObject } from 'react';
import type { NodeKind } from '@/lib/journey/definition';
import { DecorationsContext, useEditorStore, useGraph } from './editor-context';
import { nodeTypes } from './node-types';
import { DRAG_TYPE } from './palette';
import { isValidConnection } from './transforms';
import type { FlowEdge, FlowNode } from './types';

export function FlowCanvas({ wrapperRef }: { wrapperRef: RefObject<HTMLDivElement | null> }) {
  const store = useEditorStore();
  const graph = useGraph();
  const { path } = useContext(DecorationsContext);
  const { screenToFlowPosition } = useReactFlow<FlowNode, FlowEdge>();

  // Only edges on a simulated path get new objects, and only while a path is shown.
  const edges = useMemo(
    () => (path.size === 0 ? graph.edges : graph.edges.map((e) => (path.has(e.source) && path.has(e.target) ? { ...e, animated: true, className: 'on-path' } : e))),
    [graph.edges, path],
  );

  const validate = useCallback((c: Connection | Edge) => isValidConnection(c, store.graph()), [store]);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(DRAG_TYPE) as NodeKind;
      if (!kind) return;
      e.preventDefault();
      store.addNode(kind, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [store, screenToFlowPosition],
  );

  return (
    <div className="canvas" ref={wrapperRef} onDragOver={(e) => e.preventDefault()} onDrop={onDrop} aria-label="Journey canvas">
      <ReactFlow<FlowNode, FlowEdge>
        nodes={graph.nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={store.onNodesChange}
        onEdgesChange={store.onEdgesChange}
        onConnect={store.connect}
        isValidConnection={validate}
        onNodeDragStart={store.checkpoint}
        onSelectionDragStart={store.checkpoint}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        fitView
        fitViewOptions={{ padding: 0.2 }}
        minZoom={0.2}
        defaultEdgeOptions={{ type: 'smoothstep' }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Mini map" />
        <Controls />
      </ReactFlow>
    </div>
  );
}
