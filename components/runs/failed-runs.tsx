'use client';
/** Failed journey runs (ops and admins): why each failed, and Retry (from the failed step) or Cancel. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc/client';

type Run = Outputs['runs']['failed'][number];

export function FailedRuns() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const { data, error } = useQuery(trpc.runs.failed.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.runs.failed.queryKey() });
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: (r) => (setMessage(`Retrying ${r.workflowId} from its failed step`), refresh()), onError: (e) => setMessage(e.message) }));
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: (r) => (setMessage(`Cancelled ${r.workflowId}`), refresh()), onError: (e) => setMessage(e.message) }));
  const busy = retry.isPending || cancel.isPending;

  const columns: Column<Run>[] = [
    { header: 'Failed', cell: (r) => (r.failedAt ? dateTime(r.failedAt) : '—') },
    { header: 'Lead', cell: (r) => <Link href={`/leads/${r.leadId}`}>{r.leadEmail ?? r.leadId}</Link> },
    { header: 'Journey', cell: (r) => (<>{r.journeyName} <span className="muted">v{r.journeyVersion}</span></>) },
    { header: 'Step', cell: (r) => <code>{r.currentNode ?? '—'}</code> },
    { header: 'Reason', cell: (r) => r.failureReason ?? '—', style: { overflowWrap: 'anywhere' }, cellProps: () => ({ 'data-testid': 'failure-reason' }) },
    {
      header: 'Actions',
      cell: (r) => (
        <span style={{ display: 'flex', gap: 8 }}>
          <button type="button" disabled={busy} onClick={() => retry.mutate({ id: r.id })}>
            Retry
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => cancel.mutate({ id: r.id })}>
            Cancel
          </button>
        </span>
      ),
    },
  ];

  return (
    <section className="card" aria-labelledby="failed-runs-h">
      <h2 id="failed-runs-h">Failed runs</h2>
      <p className="muted">
        A run fails on an error retrying cannot fix (a deleted lead, nobody to hand off to). Fix the cause, then Retry: the run resumes at the step that
        failed, with everything before it kept. Cancel gives the run up. Both are in the audit log.
      </p>
      {error && <p role="alert">{error.message}</p>}
      {message && <p role="status">{message}</p>}
      <DataTable columns={columns} rows={data} rowKey={(r) => r.id} rowProps={(r) => ({ 'data-testid': `failed-run-${r.id}` })} empty="No failed runs." />
    </section>
  );
}
