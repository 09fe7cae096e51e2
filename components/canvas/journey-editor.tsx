'use client';
/** The journey editor: loads the draft once, then composes the canvas, palette, side panels, autosave and live compile. */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NodeKind } from '@/lib/journey/definition';
import { diffDefinitions } from '@/lib/journey/diff';
import { useServerText } from '@/components/ui/use-server-text';
import { graphToDefinition, type DraftCanvasGraph } from '@/lib/journey/graph';
import { useTRPC, useTRPCClient } from '@/lib/trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';
import { DecorationsContext, StoreContext, useGraph, useHistoryFlags, type Decorations } from './editor-context';
import { FlowCanvas, readableViewport } from './flow-canvas';
import { Inspector } from './inspector';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { savesSettled } from './pending-saves';
import { PublishButton } from './publish-button';
import { SimulatePanel } from './simulate-panel';
import { createEditorStore, type EditorStore } from './store';
import { fromDraft, toDraft } from './transforms';
import { useAutosave } from './use-autosave';
import { byNode, useCompile, useDraftKey } from './use-compile';
import { useShortcuts } from './use-shortcuts';
import { VersionsPanel } from './versions-panel';
import './canvas.css';

type JourneyData = inferRouterOutputs<AppRouter>['journeys']['get'];

/** Counts editor mounts, so each mount loads its draft under a key no other view has cached. */
let mounts = 0;

export function JourneyEditor({ id }: { id: string }) {
  const trpc = useTRPC();
  const t = useTranslations('journeyEditor');
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [mount] = useState(() => ++mounts);
  // The draft the store starts from is fetched for this mount, after any save a previous editor left in flight:
  // a `get` cached by another view (a version page before "Restore") would otherwise bring back an older draft.
  const journey = useQuery({
    queryKey: ['journey-editor', id, mount],
    queryFn: async () => {
      await savesSettled(id);
      return client.journeys.get.query({ id });
    },
    staleTime: Infinity,
    gcTime: 0,
  });
  useEffect(() => () => queryClient.removeQueries({ queryKey: trpc.journeys.get.queryKey({ id }) }), [queryClient, trpc, id]);
  if (journey.isPending) return <p className="muted">{t('loading')}</p>;
  if (journey.error) return <p className="alert">{journey.error.message}</p>;
  return (
    <ReactFlowProvider>
      <LoadedEditor data={journey.data} />
    </ReactFlowProvider>
  );
}

function LoadedEditor({ data }: { data: JourneyData }) {
  // The store is created once: later refetches of `get` (after publishing) must not discard edits.
  const [store] = useState<EditorStore>(() => createEditorStore(fromDraft(data.graph), undefined, Object.fromEntries(data.templates.map((t) => [t.key, t.label]))));
  return (
    <StoreContext.Provider value={store}>
      <EditorBody data={data} store={store} />
    </StoreContext.Provider>
  );
}

function EditorBody({ data, store }: { data: JourneyData; store: EditorStore }) {
  const trpc = useTRPC();
  const t = useTranslations('journeyEditor');
  const graph = useGraph();
  const { canUndo, canRedo } = useHistoryFlags();
  const flow = useReactFlow();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [showOverlay, setShowOverlay] = useState(false);
  const tg = useTranslations('enrolment');
  const say = useServerText();
  const [path, setPath] = useState<ReadonlySet<string>>(new Set());
  useShortcuts(store);

  const draftKey = useDraftKey(graph);
  const knownTemplates = useMemo(() => data.templates.map((t) => t.key), [data.templates]);
  const compiled = useCompile(graph, { name: data.name, scoringRules: data.scoringRules, knownTemplates });
  const autosave = useAutosave(data.id, data.revision, draftKey);
  const owners = useQuery(trpc.settings.owners.queryOptions());
  const meta = useQuery(trpc.journeys.get.queryOptions({ id: data.id }));
  const publishedVersion = meta.data?.publishedVersion ?? data.publishedVersion;
  const overlay = useQuery({ ...trpc.journeys.overlay.queryOptions({ id: data.id }), enabled: showOverlay && publishedVersion !== null, refetchInterval: 3000 });

  const liveGraph = meta.data?.liveGraph ?? data.liveGraph;
  // Compared by settings, not by positions: moving a step is not a change worth publishing.
  const unpublished = useMemo(
    () => liveGraph !== null && !diffDefinitions(graphToDefinition(liveGraph, 'live'), graphToDefinition(JSON.parse(draftKey) as DraftCanvasGraph, 'draft')).empty,
    [liveGraph, draftKey],
  );

  const edgeSource = useCallback((edgeId: string) => graph.edges.find((e) => e.id === edgeId)?.source, [graph.edges]);
  const problemsKey = JSON.stringify(compiled.problems);
  const warningsKey = JSON.stringify(compiled.warnings);
  const decorations = useMemo<Decorations>(
    () => ({
      problems: byNode(JSON.parse(problemsKey) as typeof compiled.problems, edgeSource),
      warnings: byNode(JSON.parse(warningsKey) as typeof compiled.warnings, edgeSource),
      overlay: showOverlay ? (overlay.data?.nodes ?? {}) : null,
      overlayGoal: overlay.data?.goal ? say(overlay.data.goal.words, overlay.data.goal.text) : null,
      path,
      templateLabels: Object.fromEntries(data.templates.map((t) => [t.key, t.label])),
    }),
    // edgeSource changes with every edge edit; the problem text already reflects those edits.
    [problemsKey, warningsKey, showOverlay, overlay.data, path, data.templates, say],
  );

  const addAtCentre = useCallback(
    (kind: NodeKind) => {
      const rect = wrapperRef.current?.getBoundingClientRect();
      const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 400, y: 300 };
      const p = flow.screenToFlowPosition(centre);
      const id = store.addNodeNear(kind, { x: p.x - 100, y: p.y - 40 });
      // A step placed beside the selection may sit outside the view: bring it in without changing the zoom.
      const added = store.graph().nodes.find((n) => n.id === id);
      if (added && rect) {
        const topLeft = flow.screenToFlowPosition({ x: rect.left, y: rect.top });
        const bottomRight = flow.screenToFlowPosition({ x: rect.right, y: rect.bottom });
        const { x, y } = added.position;
        if (x < topLeft.x || y < topLeft.y || x + 200 > bottomRight.x || y + 100 > bottomRight.y) void flow.setCenter(x + 100, y + 50, { zoom: flow.getZoom(), duration: 200 });
      }
    },
    [flow, store],
  );

  const beforePublish = useCallback(async () => {
    await autosave.flush();
    return !autosave.conflicted();
  }, [autosave]);

  return (
    <DecorationsContext.Provider value={decorations}>
      <div className="editor">
        <header className="editor-bar row">
          <h1 className="editor-title">{meta.data?.name ?? data.name}</h1>
          <span className={`badge ${publishedVersion ? 'ok' : ''}`}>{publishedVersion ? t('live', { version: publishedVersion }) : t('draft')}</span>
          {publishedVersion !== null && unpublished && (
            <span className="badge warm" data-testid="unpublished-changes" title={t('unpublishedHint')}>
              {t('unpublished')}
            </span>
          )}
          <span className="small muted" role="status" data-testid="save-status">
            {t(`save.${autosave.status}`)}
          </span>
          <span className="small muted" data-testid="editor-leads-running">
            {t('leadsRunning', { count: meta.data?.leadsRunning ?? data.leadsRunning })}
          </span>
          <span className="spacer" />
          <button type="button" className="secondary" onClick={store.undo} disabled={!canUndo} aria-label={t('undoLabel')}>
            {t('undo')}
          </button>
          <button type="button" className="secondary" onClick={store.redo} disabled={!canRedo} aria-label={t('redoLabel')}>
            {t('redo')}
          </button>
          <button type="button" className="secondary" data-testid="auto-layout" onClick={() => {
              store.layout();
              const rect = wrapperRef.current?.getBoundingClientRect();
              void flow.setViewport(readableViewport(store.graph(), rect?.width ?? 0, rect?.height ?? 0), { duration: 300 });
            }}>
            {t('autoLayout')}
          </button>
          <button type="button" className="secondary" onClick={() => void flow.fitView({ padding: 0.05, duration: 300 })}>
            {t('fitView')}
          </button>
          <label className="toggle">
            <input type="checkbox" data-testid="overlay-toggle" checked={showOverlay} disabled={publishedVersion === null} onChange={(e) => setShowOverlay(e.target.checked)} />
            {t('overlay')}
          </label>
          {showOverlay && overlay.data?.goal && (
            <span className="badge ok" data-testid="overlay-goal">
              {tg('overlayGoal', { goal: say(overlay.data.goal.words, overlay.data.goal.text), reached: overlay.data.goal.reached, entered: overlay.data.goal.entered })}
            </span>
          )}
          <PublishButton journeyId={data.id} problems={compiled.problems} beforePublish={beforePublish} />
        </header>
        {autosave.status === 'conflict' && (
          <div className="alert" role="alert" data-testid="conflict-banner">
            {t('conflict')}{' '}
            <button type="button" className="secondary" onClick={() => window.location.reload()}>
              {t('reload')}
            </button>
          </div>
        )}
        <div className="editor-grid">
          <Palette onAdd={addAtCentre} />
          <FlowCanvas wrapperRef={wrapperRef} />
          <div className="editor-side">
            <Inspector options={{ templates: data.templates, eventTypes: data.eventTypes, owners: owners.data ?? [] }} />
            <ProblemsPanel problems={compiled.problems} warnings={compiled.warnings} />
            <VersionsPanel journeyId={data.id} publishedVersion={publishedVersion} />
            <SimulatePanel journeyId={data.id} draft={() => toDraft(store.graph())} eventTypes={data.eventTypes} onPath={(ids) => setPath(new Set(ids))} />
          </div>
        </div>
      </div>
    </DecorationsContext.Provider>
  );
}
