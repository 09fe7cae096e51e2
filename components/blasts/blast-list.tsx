'use client';
/** Recent blasts with their progress and what their mail did; polls while one is sending, and cancels one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { useTemplateLabel } from '@/components/emails/use-template-label';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';
import { EMAIL_LOCALE_NAMES, isEmailLocale } from '@/lib/email/locales';
import { useTRPC } from '@/lib/trpc/client';

type Blast = Outputs['blasts']['list'][number];

export function BlastList({ mayCancel }: { mayCancel: boolean }) {
  const t = useTranslations('blasts.list');
  const ts = useTranslations('stages');
  const { number, dateTime, pct } = useFormat();
  const templateLabel = useTemplateLabel();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const { data, error } = useQuery({
    ...trpc.blasts.list.queryOptions(),
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === 'running') ? 2_000 : false),
  });
  const cancel = useMutation(
    trpc.blasts.cancel.mutationOptions({
      onSuccess: () => (setMessage(t('cancelled')), void qc.invalidateQueries({ queryKey: trpc.blasts.list.queryKey() })),
      onError: (e) => setMessage(e.message),
    }),
  );

  const audience = (b: Blast) =>
    [b.audience.source && t('fromSource', { source: b.audience.source }), b.audience.stage && ts(b.audience.stage), b.audience.tag && t('withTag', { tag: b.audience.tag }), isEmailLocale(b.audience.language) && t('inLanguage', { language: EMAIL_LOCALE_NAMES[b.audience.language] })].filter(Boolean).join(' · ') || t('everyone');
  const label = (key: string) => ({ 'data-label': key });

  const columns: Column<Blast>[] = [
    {
      header: t('blast'),
      cell: (b) => (
        <>
          <strong>{b.name}</strong>
          <div className="muted small">
            {templateLabel(b.template)} · {audience(b)}
          </div>
        </>
      ),
      cellProps: () => label(t('blast')),
    },
    { header: t('started'), cell: (b) => (<>{dateTime(b.startedAt)}<div className="muted small">{b.createdByEmail ?? ''}</div></>), cellProps: () => label(t('started')) },
    {
      header: t('status'),
      cell: (b) => (
        <>
          <span className={`badge ${b.status === 'completed' ? 'ok' : ''}`}>{t(`statuses.${b.status}`)}</span>
          {b.error && <div className="muted small wrap-anywhere">{b.error}</div>}
        </>
      ),
      cellProps: (b) => ({ ...label(t('status')), 'data-testid': `blast-status-${b.id}` }),
    },
    {
      header: t('progress'),
      cell: (b) => (
        <>
          <progress value={b.processed} max={b.audienceCount || 1} aria-label={t('progressOf', { name: b.name })} style={{ width: '100%', minWidth: 100 }} />
          <div className="small">{t('processed', { processed: number(b.processed), total: number(b.audienceCount) })}</div>
        </>
      ),
      cellProps: (b) => ({ ...label(t('progress')), 'data-testid': `blast-progress-${b.id}` }),
    },
    {
      header: t('mail'),
      cell: (b) => (
        <span className="small">
          {t('sent', { n: number(b.sent) })} · {t('delivered', { n: number(b.delivered) })} · {t('opened', { n: number(b.opened), rate: pct(b.sent ? b.opened / b.sent : null) })} ·{' '}
          {t('clicked', { n: number(b.clicked), rate: pct(b.sent ? b.clicked / b.sent : null) })}
          {b.skipped + b.overLimit + b.failed + b.bounced > 0 && (
            <span className="muted">
              {' '}
              · {t('skipped', { n: number(b.skipped) })} · {t('overLimit', { n: number(b.overLimit) })} · {t('failed', { n: number(b.failed) })} · {t('bounced', { n: number(b.bounced) })}
            </span>
          )}
        </span>
      ),
      cellProps: (b) => ({ ...label(t('mail')), 'data-testid': `blast-counts-${b.id}` }),
    },
    {
      header: t('actions'),
      cell: (b) =>
        mayCancel && b.status === 'running' ? (
          <button type="button" className="secondary" data-testid={`blast-cancel-${b.id}`} disabled={cancel.isPending} onClick={() => cancel.mutate({ id: b.id })}>
            {t('cancel')}
          </button>
        ) : null,
      cellProps: (b) => (mayCancel && b.status === 'running' ? label(t('actions')) : {}),
    },
  ];

  return (
    <section className="card" aria-labelledby="blasts-h">
      <h2 id="blasts-h">{t('title')}</h2>
      {error && <p role="alert">{error.message}</p>}
      {message && <p role="status">{message}</p>}
      <DataTable className="stack" columns={columns} rows={data} rowKey={(b) => b.id} rowProps={(b) => ({ 'data-testid': `blast-${b.id}`, 'data-name': b.name })} empty={t('empty')} />
    </section>
  );
}
