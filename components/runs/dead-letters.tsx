'use client';
/** The outbox's dead letters (ops and admins): events or starts the relay gave up on, their last error, and "Retry now". */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc/client';

type Letter = Outputs['runs']['deadLetters'][number];

export function DeadLetters() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const { data, error } = useQuery(trpc.runs.deadLetters.queryOptions());
  const retry = useMutation(
    trpc.runs.retryDeadLetter.mutationOptions({
      onSuccess: (r) => (setMessage(`Requeued #${r.id} for ${r.workflowId}: the relay delivers it on its next pass`), qc.invalidateQueries({ queryKey: trpc.runs.deadLetters.queryKey() })),
      onError: (e) => setMessage(e.message),
    }),
  );

  const columns: Column<Letter>[] = [
    { header: 'Given up', cell: (d) => (d.deadAt ? dateTime(d.deadAt) : '—') },
    { header: 'Lead', cell: (d) => <Link href={`/leads/${d.leadId}`}>{d.leadEmail ?? d.leadId}</Link> },
    { header: 'For', cell: (d) => (<>{d.journeyName ?? 'hand-off SLA'} <code className="muted">{d.signal}</code></>) },
    { header: 'Attempts', cell: (d) => d.attempts },
    { header: 'Last error', cell: (d) => d.lastError ?? '—', style: { overflowWrap: 'anywhere' }, cellProps: () => ({ 'data-testid': 'dead-letter-error' }) },
    {
      header: 'Action',
      cell: (d) => (
        <button type="button" disabled={retry.isPending} onClick={() => retry.mutate({ id: d.id })}>
          Retry now
        </button>
      ),
    },
  ];

  return (
    <section className="card" aria-labelledby="dead-letters-h">
      <h2 id="dead-letters-h">Dead letters</h2>
      <p className="muted">Lead events and hand-off starts Temporal refused ten times. Fix the cause, then Retry now: the row gets a fresh set of attempts.</p>
      {error && <p role="alert">{error.message}</p>}
      {message && <p role="status">{message}</p>}
      <DataTable columns={columns} rows={data} rowKey={(d) => d.id} rowProps={(d) => ({ 'data-testid': `dead-letter-${d.id}` })} empty="No dead letters." />
    </section>
  );
}
