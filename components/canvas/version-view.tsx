'use client';
/** A published version on a read-only canvas, compared in words with another version, and restorable as the draft. */
import { ReactFlow, ReactFlowProvider, Background, Controls, type ReactFlowInstance } from '@xyflow/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { DiffList } from './diff-list';
import { readableViewport } from './flow-canvas';
import { nodeTypes } from './node-types';
import { savesSettled } from './pending-saves';
import { fromDraft } from './transforms';
import type { FlowEdge, FlowNode } from './types';
import './canvas.css';

export function VersionView({ id, version }: { id: string; version: number }) {
  const trpc = useTRPC();
  const t = useTranslations('journeyEditor.version');
  const router = useRouter();
  const queryClient = useQueryClient();
  const journey = useQuery(trpc.journeys.get.queryOptions({ id }));
  const versions = useQuery(trpc.journeys.versions.queryOptions({ id }));
  const [compareTo, setCompareTo] = useState<number | null>(null);
  const shown = useQuery(trpc.journeys.version.queryOptions({ id, version, compareTo: compareTo ?? undefined }));
  const restoreOptions = trpc.journeys.restoreVersion.mutationOptions({
    onSuccess: async () => {
      // Nothing cached before the restore may stand in for the restored draft.
      queryClient.removeQueries({ queryKey: trpc.journeys.get.queryKey({ id }) });
      await queryClient.invalidateQueries({ queryKey: trpc.journeys.pathKey() });
      router.push(`/journeys/${id}`);
    },
  });
  // A save the editor left in flight when this page opened must land before the restore, not overwrite it.
  const restore = useMutation({ ...restoreOptions, mutationFn: async (input: { id: string; version: number }, ctx) => { await savesSettled(id); return restoreOptions.mutationFn!(input, ctx); } });
  const onInit = useCallback(
    (flow: ReactFlowInstance<FlowNode, FlowEdge>) => {
      const el = document.querySelector('.version-canvas');
      const rect = el?.getBoundingClientRect();
      if (shown.data) void flow.setViewport(readableViewport(fromDraft(shown.data.graph), rect?.width ?? 0, rect?.height ?? 0));
    },
    [shown.data],
  );
  if (shown.error) return <p className="alert">{shown.error.message}</p>;
  const graph = shown.data ? fromDraft(shown.data.graph) : null;
  const others = (versions.data ?? []).filter((v) => v.version !== version);
  return (
    <div className="editor">
      <header className="editor-bar row">
        <h1 className="editor-title">
          {journey.data?.name ?? t('journey')} · v{version}
        </h1>
        <span className="badge" data-testid="read-only">
          {t('readOnly')}
        </span>
        {journey.data?.publishedVersion === version && <span className="badge ok">{t('live')}</span>}
        <span className="spacer" />
        <Link href={`/journeys/${id}`}>{t('back')}</Link>
        <button type="button" data-testid="restore-version" disabled={restore.isPending} onClick={() => restore.mutate({ id, version })}>
          {t('restore', { version })}
        </button>
      </header>
      {restore.error && <p className="alert">{restore.error.message}</p>}
      <div className="version-grid">
        <div className="canvas version-canvas" aria-label={t('canvas')}>
          {graph && (
            <ReactFlowProvider>
              <ReactFlow<FlowNode, FlowEdge>
                nodes={graph.nodes}
                edges={graph.edges}
                nodeTypes={nodeTypes}
                nodesDraggable={false}
                nodesConnectable={false}
                elementsSelectable={false}
                deleteKeyCode={null}
                onInit={onInit}
                minZoom={0.2}
                defaultEdgeOptions={{ type: 'default' }}
              >
                <Background gap={20} />
                <Controls showInteractive={false} />
              </ReactFlow>
            </ReactFlowProvider>
          )}
        </div>
        <section className="card" aria-label={t('compareLabel')}>
          <h2>{t('compare')}</h2>
          <label htmlFor="compare-to">{t('compareWith', { version })}</label>
          <select id="compare-to" data-testid="compare-to" value={compareTo ?? ''} onChange={(e) => setCompareTo(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('choose')}</option>
            {others.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
          {shown.data?.compare && (
            <>
              <p className="small muted">
                {t('range', { from: Math.min(version, shown.data.compare.version), to: Math.max(version, shown.data.compare.version) })}
              </p>
              <DiffList diff={shown.data.compare.diff} testId="version-compare" />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
