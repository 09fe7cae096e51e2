'use client';
/** The audit trail (admins and ops): who did what, when, from which address, filtered by action, person, text and dates. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc/client';

type Entry = Outputs['audit']['list']['items'][number];
const COLUMNS: Column<Entry>[] = [
  { header: 'When', cell: (a) => dateTime(a.at) },
  {
    header: 'Who',
    cell: (a) => (
      <>
        {a.actorEmail ?? '—'}
        {a.actorRole ? <span className="muted"> · {a.actorRole}</span> : null}
      </>
    ),
  },
  { header: 'Action', cell: (a) => <code>{a.action}</code> },
  { header: 'What', cell: (a) => a.summary, style: { overflowWrap: 'anywhere' } },
  { header: 'From', cell: (a) => a.ip ?? '—', className: 'muted' },
];

export function AuditPage() {
  const trpc = useTRPC();
  const [f, setF] = useState({ action: '', actor: '', q: '', from: '', to: '' });
  const [page, setPage] = useState(1);
  const input = {
    action: f.action || undefined,
    actor: f.actor || undefined,
    q: f.q || undefined,
    from: f.from ? new Date(f.from) : undefined,
    to: f.to ? new Date(`${f.to}T23:59:59`) : undefined,
    page,
    pageSize: 50,
  };
  const { data, error } = useQuery({ ...trpc.audit.list.queryOptions(input), placeholderData: keepPreviousData });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setPage(1);
    setF({ ...f, [k]: e.target.value });
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <>
      <div className="row card" role="search">
        <div>
          <label htmlFor="audit-action">Action starts with</label>
          <input id="audit-action" value={f.action} onChange={set('action')} placeholder="journeys.publish" />
        </div>
        <div>
          <label htmlFor="audit-actor">Who</label>
          <input id="audit-actor" value={f.actor} onChange={set('actor')} placeholder="email" />
        </div>
        <div>
          <label htmlFor="audit-q">Text</label>
          <input id="audit-q" value={f.q} onChange={set('q')} placeholder="id, address, words" />
        </div>
        <div>
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" value={f.from} onChange={set('from')} />
        </div>
        <div>
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" type="date" value={f.to} onChange={set('to')} />
        </div>
        <span className="muted" style={{ marginTop: 18 }}>
          {data ? `${data.total} entries` : ''}
        </span>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error.message}
        </p>
      )}
      <DataTable columns={COLUMNS} rows={data?.items} rowKey={(a) => a.id} rowProps={(a) => ({ 'data-testid': 'audit-row', 'data-action': a.action })} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Newer
        </button>
        <span className="muted">
          page {page} of {pages}
        </span>
        <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          Older
        </button>
      </div>
    </>
  );
}
