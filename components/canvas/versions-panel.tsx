'use client';
/** Published versions, newest first: what each changed in words, how many leads run on it, and a link to open it read-only. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useFormat } from '@/components/ui/use-format';
import { useServerText } from '@/components/ui/use-server-text';
import { useTRPC } from '@/lib/trpc/client';

export function VersionsPanel({ journeyId, publishedVersion }: { journeyId: string; publishedVersion: number | null }) {
  const trpc = useTRPC();
  const t = useTranslations('journeyEditor.versions');
  const f = useFormat();
  const say = useServerText();
  const versions = useQuery(trpc.journeys.versions.queryOptions({ id: journeyId }));
  return (
    <section className="card" aria-label={t('label')}>
      <h2>{t('title')}</h2>
      {versions.isPending && <p className="muted">{t('loading')}</p>}
      {versions.data?.length === 0 && <p className="muted">{t('none')}</p>}
      <ol data-testid="versions" className="version-list">
        {versions.data?.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <div className="row">
              <strong>v{v.version}</strong>
              {v.version === publishedVersion && <span className="badge ok">{t('live')}</span>}
              <span className="muted small">{f.dateTime(v.publishedAt)}</span>
              <Link className="small" href={`/journeys/${journeyId}/versions/${v.version}`} data-testid={`open-version-${v.version}`}>
                {t('open')}
              </Link>
            </div>
            <div className="small">
              {t('leads', { running: f.number(v.leadsRunning), total: f.number(v.leadsTotal) })}
            </div>
            {v.version === 1 || v.changes.length === 0 ? (
              <div className="small muted">{v.version === 1 ? t('steps', { count: v.nodeCount }) : t('noStepChanges')}</div>
            ) : (
              <ul className="small muted change-list">
                {v.changes.slice(0, 4).map((c, i) => (
                  <li key={c}>{say(v.changeTexts[i], c)}</li>
                ))}
                {v.changes.length > 4 && <li>{t('more', { count: v.changes.length - 4 })}</li>}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
