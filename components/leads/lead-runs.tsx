'use client';
/** The lead's journey runs: where each one is now, and a deep link into Temporal's own UI for the full history. */
import { useTranslations } from 'next-intl';
import type { Outputs } from '@/components/dashboard/format';
import { useFormat } from '@/components/ui/use-format';
import { useServerText } from '@/components/ui/use-server-text';
import { useStatus } from '@/components/ui/use-status';

type Run = Outputs['leads']['byId']['runs'][number];

export function LeadRuns({ runs }: { runs: Run[] }) {
  const t = useTranslations('lead.runs');
  const { dateTime } = useFormat();
  const status = useStatus();
  const say = useServerText();
  return (
    <section className="card" aria-labelledby="runs-h" data-testid="runs">
      <h2 id="runs-h">{t('title')}</h2>
      {runs.length === 0 && <p className="muted">{t('none')}</p>}
      {runs.length > 0 && (
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t('journey')}</th>
              <th scope="col">{t('node')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('started')}</th>
              <th scope="col">{t('workflow')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid={`run-${r.id}`}>
                <td data-label={t('journey')}>
                  {r.journeyName} <span className="muted">v{r.journeyVersion}</span>
                </td>
                <td data-label={t('node')} data-testid="run-current-node" data-node-id={r.currentNode ?? undefined}>
                  {r.currentStep === null ? '—' : say(r.currentStepText ?? undefined, r.currentStep)}
                </td>
                <td data-label={t('status')}>
                  <span className={r.status === 'running' ? 'badge ok' : r.status === 'failed' ? 'badge hot' : r.goalReachedAt ? 'badge ok' : 'badge'} data-testid="run-status">
                    {r.status === 'failed' ? t('failed', { reason: r.failureReason ?? t('unknownReason') }) : r.goalReachedAt ? t('goalReached', { goal: r.goal === null ? t('goalUnnamed') : say(r.goalText ?? undefined, r.goal) }) : status('run', r.status)}
                  </span>
                  {r.goalReachedAt && (
                    <div className="muted" style={{ fontSize: 11 }} data-testid="run-goal-at">
                      {dateTime(r.goalReachedAt)}
                    </div>
                  )}
                  {r.status === 'failed' && (
                    <div className="muted" style={{ fontSize: 11 }}>
                      {t.rich('retryHint', { link: (chunks) => <a href="/runs">{chunks}</a> })}
                    </div>
                  )}
                </td>
                <td data-label={t('started')}>{dateTime(r.startedAt)}</td>
                <td data-label={t('workflow')}>
                  <a href={r.temporalUrl} target="_blank" rel="noreferrer" data-testid="temporal-link">
                    {t('temporal')}
                  </a>
                  <div className="muted wrap-anywhere" style={{ fontSize: 11 }}>
                    {r.workflowId}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
