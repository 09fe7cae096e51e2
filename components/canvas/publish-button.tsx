'use client';
/** Publish: disabled while problems remain or for a role that may not publish (saying why); always opens a review of what changes, the warnings, and who stays on the old version. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { Problem } from '@/lib/journey/compiler';
import { useTRPC } from '@/lib/trpc/client';
import type { AppRouter } from '@/server/root';
import { DiffList } from './diff-list';
import { useProblemText } from './use-problem-text';

type Review = inferRouterOutputs<AppRouter>['journeys']['reviewPublish'];

export function PublishButton({ journeyId, problems, beforePublish }: { journeyId: string; problems: readonly Problem[]; beforePublish: () => Promise<boolean> }) {
  const trpc = useTRPC();
  const t = useTranslations('journeyEditor.publish');
  const tr = useTranslations('roles');
  const me = useQuery(trpc.me.get.queryOptions());
  const queryClient = useQueryClient();
  const say = useProblemText();
  const dialog = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [loading, setLoading] = useState(false);
  const publish = useMutation(
    trpc.journeys.publish.mutationOptions({
      onSuccess: async (res) => {
        setMessage(res.ok ? t('published', { version: res.version }) : t('notPublished', { reasons: [...res.problems, ...res.warnings].map(say).join(' ') }));
        await queryClient.invalidateQueries({ queryKey: trpc.journeys.pathKey() });
      },
      onError: (err) => setMessage(err.message),
    }),
  );
  const start = async () => {
    setMessage(null);
    setLoading(true);
    try {
      if (!(await beforePublish())) return;
      // Always fresh: the review must describe the draft as saved a moment ago.
      const r = await queryClient.fetchQuery({ ...trpc.journeys.reviewPublish.queryOptions({ id: journeyId }), staleTime: 0 });
      setReview(r);
      dialog.current?.showModal();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  };
  // The server would answer 403: say so up front instead of after the review.
  const notAllowed = me.data && !me.data.allowed.includes('journeys.publish') ? t('notAllowed', { role: tr(me.data.role) }) : null;
  const blocked = problems.length > 0 || notAllowed !== null;
  return (
    <>
      <button
        type="button"
        data-testid="publish"
        disabled={blocked || publish.isPending || loading}
        title={notAllowed ?? (problems.length > 0 ? t('fixFirst', { count: problems.length }) : undefined)}
        aria-describedby={notAllowed ? 'publish-not-allowed' : undefined}
        onClick={() => void start()}
      >
        {publish.isPending ? t('publishing') : t('open')}
      </button>
      {notAllowed && (
        <span className="small muted" id="publish-not-allowed" data-testid="publish-not-allowed">
          {notAllowed}
        </span>
      )}
      {message && (
        <span className="small" role="status" data-testid="publish-status">
          {message}
        </span>
      )}
      <dialog ref={dialog} className="confirm review-dialog" aria-labelledby="publish-review-title" data-testid="publish-confirm">
        {review && (
          <>
            <h2 id="publish-review-title">
              {review.liveVersion ? t('titleReplacing', { next: review.nextVersion, live: review.liveVersion }) : t('title', { next: review.nextVersion })}
            </h2>
            <h3>{t('whatChanges')}</h3>
            <DiffList diff={review.diff} testId="publish-diff" />
            {review.liveVersion !== null && (
              <p data-testid="publish-leads-staying">
                {review.leadsStayingOnOld === 0 ? t('noLeads') : t('staying', { count: review.leadsStayingOnOld, next: review.nextVersion })}
              </p>
            )}
            {review.warnings.length > 0 && (
              <>
                <h3>{t('warnings', { count: review.warnings.length })}</h3>
                <ul className="inspector-warnings">
                  {review.warnings.map((w, i) => (
                    <li key={i}>{say(w)}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        <div className="row">
          <button
            type="button"
            data-testid="publish-confirm-accept"
            onClick={() => {
              dialog.current?.close();
              publish.mutate({ id: journeyId, acceptWarnings: true });
            }}
          >
            {review && review.warnings.length > 0 ? t('anyway') : t('confirm')}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
        </div>
      </dialog>
    </>
  );
}
