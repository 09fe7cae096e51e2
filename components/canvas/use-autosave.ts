'use client';
/** Debounced draft autosave with compare-and-set on the revision; flushes on route change, hiding and unload; a conflict stops saving instead of overwriting another tab. */
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import superjson from 'superjson';
import { useTRPCClient } from '@/lib/trpc/client';
import { trackSave } from './pending-saves';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export function useAutosave(journeyId: string, initialRevision: number, draftKey: string, delayMs = 800) {
  const client = useTRPCClient();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const statusRef = useRef<SaveStatus>('saved');
  statusRef.current = status;
  const revision = useRef(initialRevision);
  const saved = useRef(draftKey);
  const latest = useRef(draftKey);
  const inflight = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);
  latest.current = draftKey;

  const save = useCallback(async (): Promise<void> => {
    // A loop, not an if: two callers waiting on one save must not both start the next with the same revision.
    while (inflight.current) await inflight.current;
    if (stopped.current || latest.current === saved.current) return;
    const key = latest.current;
    setStatus('saving');
    const run = (async () => {
      try {
        const res = await client.journeys.saveDraft.mutate({ id: journeyId, graph: JSON.parse(key) as never, baseRevision: revision.current });
        revision.current = res.revision;
        saved.current = key;
        setStatus(latest.current === key ? 'saved' : 'dirty');
      } catch (err) {
        if (err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === 'CONFLICT') {
          stopped.current = true;
          setStatus('conflict');
        } else setStatus('error');
      }
    })();
    inflight.current = run;
    await run;
    if (inflight.current === run) inflight.current = null;
    if (!stopped.current && latest.current !== saved.current) await save();
  }, [client, journeyId]);

  useEffect(() => {
    if (draftKey === saved.current || stopped.current) return;
    setStatus('dirty');
    const timer = setTimeout(() => void save(), delayMs);
    return () => clearTimeout(timer);
  }, [draftKey, delayMs, save]);

  useEffect(() => {
    const unsaved = () => !stopped.current && latest.current !== saved.current;
    const onHide = () => {
      if (document.visibilityState === 'hidden') trackSave(journeyId, save());
    };
    // On unload an ordinary request may be cancelled; a keepalive fetch outlives the page.
    const sendBeacon = () => {
      if (!unsaved() || inflight.current) return;
      const key = latest.current;
      const body = JSON.stringify(superjson.serialize({ id: journeyId, graph: JSON.parse(key) as unknown, baseRevision: revision.current }));
      saved.current = key;
      void fetch('/api/trpc/journeys.saveDraft', { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      // Warn whenever the last edits are not stored yet or cannot be (a conflict, a failed save).
      if (unsaved() || inflight.current || stopped.current || statusRef.current === 'error') e.preventDefault();
    };
    // A click on an in-app link unmounts the editor: warn first if edits cannot be saved at all.
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!a || !(stopped.current || statusRef.current === 'error')) return;
      if (!window.confirm('Your latest changes to this journey are not saved. Leave anyway?')) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', sendBeacon);
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', sendBeacon);
      document.removeEventListener('click', onClick, true);
      // A route change unmounts the editor before the debounce fires: save now instead of dropping the edit.
      if (unsaved()) trackSave(journeyId, save());
    };
  }, [save, journeyId]);

  const conflicted = useCallback(() => stopped.current, []);
  return { status, flush: save, conflicted };
}
