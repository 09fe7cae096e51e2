'use client';
/** The outbox's dead letters (ops and admins): events or starts the relay gave up on, their last error, and "Retry now". */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';

type Letter = Outputs['runs']['deadLetters'][number];

export function DeadLetters() {
  const t = useTranslations('runs.dead');
  const { dateTime, number } = useFormat();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const { data, error } = useQuery(trpc.runs.deadLetters.queryOptions());
  const retry = useMutation(
    trpc.runs.retryDeadLetter.mutationOptions({
      onSuccess: (r) => (setMessage(t('requeued', { id: String(r.id), workflowId: r.workflowId })), qc.invalidateQueries({ queryKey: trpc.runs.deadLetters.queryKey() })),
      onError: (e) => setMessage(e.message),
    }),
  );

  const columns: Column<Letter>[] = [
    { header: t('givenUp'), cell: (d) => dateTime(d.deadAt) },
    { header: t('lead'), cell: (d) => <Link href={`/leads/${d.leadId}`}>{d.leadEmail ?? d.leadId}</Link> },
    { header: t('for'), cell: (d) => (<>{d.journeyName ?? t('slaFallback')} <code className="muted">{d.signal}</code></>) },
    { header: t('attempts'), cell: (d) => number(d.attempts) },
    { header: t('lastError'), cell: (d) => d.lastError ?? '—', style: { overflowWrap: 'anywhere' }, cellProps: () => ({ 'data-testid': 'dead-letter-error' }) },
    {
      header: t('action'),
      cell: (d) => (
        <button type="button" disabled={retry.isPending} onClick={() => retry.mutate({ id: d.id })}>
          {t('retry')}
        </button>
      ),
    },
  ];

  return (
    <section className="card" aria-labelledby="dead-letters-h">
      <h2 id="dead-letters-h">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {error && <p role="alert">{error.message}</p>}
      {message && <p role="status">{message}</p>}
      <DataTable columns={columns} rows={data} rowKey={(d) => d.id} rowProps={(d) => ({ 'data-testid': `dead-letter-${d.id}` })} empty={t('empty')} />
    </section>
  );
}
