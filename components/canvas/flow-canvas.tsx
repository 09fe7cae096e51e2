'use client';
/** The React Flow surface: controlled by the store, refusing nonsense connections, accepting palette drops. */
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type ReactFlowInstance, type Viewport } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useCallback, useContext, useMemo, type DragEvent, type RefObject } from 'react';
import type { NodeKind } from '@/lib/journey/definition';
import { DecorationsContext, useEditorStore, useGraph } from './editor-context';
import { nodeTypes } from './node-types';
import { DRAG_TYPE } from './palette';
import { isValidConnection, rectOf } from './transforms';
import type { EditorGraph, FlowEdge, FlowNode } from './types';

// Bezier edges: each output's curve is its own, where step edges from one column share a channel.
const EDGE_OPTIONS = { type: 'default' } as const;

/**
 * The view a marketer can read: the trigger and the steps up to two hops after it, at a zoom
 * between 0.8 and 1 (titles stay ≥ 11 px), instead of the whole journey shrunk to fit; when
 * those do not fit, the trigger is kept at the left edge, vertically centred.
 */
export function readableViewport(graph: EditorGraph, width: number, height: number): Viewport {
  const triggers = graph.nodes.filter((n) => n.type === 'trigger');
  const near = new Set(triggers.map((n) => n.id));
  for (let hop = 0; hop < 2; hop++) for (const e of graph.edges) if (near.has(e.source)) near.add(e.target);
  const rects = graph.nodes.filter((n) => near.has(n.id)).map(rectOf);
  if (rects.length === 0 || width <= 0 || height <= 0) return { x: 40, y: 40, zoom: 1 };
  const pad = 40;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const w = Math.max(...rects.map((r) => r.x + r.width)) - left;
  const h = Math.max(...rects.map((r) => r.y + r.height)) - top;
  const zoom = Math.min(1, Math.max(0.8, Math.min((width - 2 * pad) / w, (height - 2 * pad) / h)));
  const anchor = triggers[0] ? rectOf(triggers[0]) : rects[0]!;
  const x = w * zoom + 2 * pad <= width ? (width - w * zoom) / 2 - left * zoom : pad - anchor.x * zoom;
  const y = h * zoom + 2 * pad <= height ? (height - h * zoom) / 2 - top * zoom : height / 2 - (anchor.y + anchor.height / 2) * zoom;
  return { x: Math.round(x), y: Math.round(y), zoom };
}

export function FlowCanvas({ wrapperRef }: { wrapperRef: RefObject<HTMLDivElement | null> }) {
  const t = useTranslations('journeyEditor');
  const store = useEditorStore();
  const graph = useGraph();
  const { path } = useContext(DecorationsContext);
  const { screenToFlowPosition } = useReactFlow<FlowNode, FlowEdge>();
  // Set once on init: later edits must not move the view under the marketer's hands.
  const onInit = useCallback(
    (flow: ReactFlowInstance<FlowNode, FlowEdge>) => {
      const rect = wrapperRef.current?.getBoundingClientRect();
      void flow.setViewport(readableViewport(store.graph(), rect?.width ?? 0, rect?.height ?? 0));
    },
    [store, wrapperRef],
  );

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
      store.addNodeNear(kind, screenToFlowPosition({ x: e.clientX, y: e.clientY }), { besideSelection: false });
    },
    [store, screenToFlowPosition],
  );

  return (
    <div className="canvas" ref={wrapperRef} onDragOver={(e) => e.preventDefault()} onDrop={onDrop} aria-label={t('canvas')}>
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
        onInit={onInit}
        minZoom={0.2}
        defaultEdgeOptions={EDGE_OPTIONS}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel={t('miniMap')} />
        <Controls />
      </ReactFlow>
    </div>
  );
}
