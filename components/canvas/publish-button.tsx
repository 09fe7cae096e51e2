'use client';
/** Publish: disabled while problems remain; warnings need an explicit confirmation in a dialog first. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Problem } from '@/lib/journey/compiler';
import { useTRPC } from '@/lib/trpc/client';

export function PublishButton({ journeyId, problems, warnings, beforePublish }: { journeyId: string; problems: readonly Problem[] | null; warnings: readonly Problem[]; beforePublish: () => Promise<boolean> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const publish = useMutation(
    trpc.journeys.publish.mutationOptions({
      onSuccess: async (res) => {
        setMessage(res.ok ? `Published version ${res.version}.` : `Not published: ${[...res.problems, ...res.warnings].map((p) => p.message).join(' ')}`);
        await queryClient.invalidateQueries({ queryKey: trpc.journeys.pathKey() });
      },
      onError: (err) => setMessage(err.message),
    }),
  );
  const start = async () => {
    setMessage(null);
    if (!(await beforePublish())) return;
    if (warnings.length > 0) dialog.current?.showModal();
    else publish.mutate({ id: journeyId, acceptWarnings: false });
  };
  const blocked = problems === null || problems.length > 0;
  return (
    <>
      <button
        type="button"
        data-testid="publish"
        disabled={blocked || publish.isPending}
        title={problems && problems.length > 0 ? `Fix ${problems.length} problem(s) first` : undefined}
        onClick={() => void start()}
      >
        {publish.isPending ? 'Publishing…' : 'Publish'}
      </button>
      {message && (
        <span className="small" role="status" data-testid="publish-status">
          {message}
        </span>
      )}
      <dialog ref={dialog} className="confirm" aria-labelledby="publish-warnings-title" data-testid="publish-confirm">
        <h2 id="publish-warnings-title">Publish with {warnings.length} warning(s)?</h2>
        <ul>
          {warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
        <div className="row">
          <button
            type="button"
            data-testid="publish-confirm-accept"
            onClick={() => {
              dialog.current?.close();
              publish.mutate({ id: journeyId, acceptWarnings: true });
            }}
          >
            Publish anyway
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
