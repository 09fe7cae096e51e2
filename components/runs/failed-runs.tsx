'use client';
/** Failed journey runs (ops and admins): why each failed, and Retry (from the failed step) or Cancel. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';

type Run = Outputs['runs']['failed'][number];

export function FailedRuns() {
  const t = useTranslations('runs.failed');
  const { dateTime } = useFormat();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const { data, error } = useQuery(trpc.runs.failed.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.runs.failed.queryKey() });
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: (r) => (setMessage(t('retrying', { workflowId: r.workflowId })), refresh()), onError: (e) => setMessage(e.message) }));
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: (r) => (setMessage(t('cancelled', { workflowId: r.workflowId })), refresh()), onError: (e) => setMessage(e.message) }));
  const busy = retry.isPending || cancel.isPending;

  const columns: Column<Run>[] = [
    { header: t('failedAt'), cell: (r) => dateTime(r.failedAt) },
    { header: t('lead'), cell: (r) => <Link href={`/leads/${r.leadId}`}>{r.leadEmail ?? r.leadId}</Link> },
    { header: t('journey'), cell: (r) => (<>{r.journeyName} <span className="muted">v{r.journeyVersion}</span></>) },
    { header: t('step'), cell: (r) => <code>{r.currentNode ?? '—'}</code> },
    { header: t('reason'), cell: (r) => r.failureReason ?? '—', style: { overflowWrap: 'anywhere' }, cellProps: () => ({ 'data-testid': 'failure-reason' }) },
    {
      header: t('actions'),
      cell: (r) => (
        <span style={{ display: 'flex', gap: 8 }}>
          <button type="button" disabled={busy} onClick={() => retry.mutate({ id: r.id })}>
            {t('retry')}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => cancel.mutate({ id: r.id })}>
            {t('cancel')}
          </button>
        </span>
      ),
    },
  ];

  return (
    <section className="card" aria-labelledby="failed-runs-h">
      <h2 id="failed-runs-h">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {error && <p role="alert">{error.message}</p>}
      {message && <p role="status">{message}</p>}
      <DataTable columns={columns} rows={data} rowKey={(r) => r.id} rowProps={(r) => ({ 'data-testid': `failed-run-${r.id}` })} empty={t('empty')} />
    </section>
  );
}
