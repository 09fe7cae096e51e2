'use client';
/** Debounced draft autosave with compare-and-set on the revision; a conflict stops saving instead of overwriting another tab. */
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import superjson from 'superjson';
import { useTRPCClient } from '@/lib/trpc/client';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export function useAutosave(journeyId: string, initialRevision: number, draftKey: string, delayMs = 800) {
  const client = useTRPCClient();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const revision = useRef(initialRevision);
  const saved = useRef(draftKey);
  const latest = useRef(draftKey);
  const inflight = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);
  latest.current = draftKey;

  const save = useCallback(async (): Promise<void> => {
    if (inflight.current) await inflight.current;
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
    inflight.current = null;
    if (!stopped.current && latest.current !== saved.current) await save();
  }, [client, journeyId]);

  useEffect(() => {
    if (draftKey === saved.current || stopped.current) return;
    setStatus('dirty');
    const timer = setTimeout(() => void save(), delayMs);
    return () => clearTimeout(timer);
  }, [draftKey, delayMs, save]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void save();
    };
    // On unload an ordinary request may be cancelled; a keepalive fetch outlives the page.
    const onPageHide = () => {
      if (stopped.current || latest.current === saved.current || inflight.current) return;
      const body = JSON.stringify(superjson.serialize({ id: journeyId, graph: JSON.parse(latest.current) as unknown, baseRevision: revision.current }));
      void fetch('/api/trpc/journeys.saveDraft', { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [save, journeyId]);

  const conflicted = useCallback(() => stopped.current, []);
  return { status, flush: save, conflicted };
}
