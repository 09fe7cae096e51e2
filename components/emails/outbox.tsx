'use client';
/** The outbox: every message newest first, filterable by recipient and status; a row opens the message view. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc/client';

const STATUSES = ['queued', 'retrying', 'sent', 'delivered', 'delivery_delayed', 'opened', 'clicked', 'bounced', 'soft_bounced', 'complained', 'failed'];
const PAGE_SIZE = 25;
const statusClass = (s: string) => (['bounced', 'complained', 'failed'].includes(s) ? 'badge hot' : ['opened', 'clicked'].includes(s) ? 'badge ok' : s === 'queued' || s === 'retrying' || s === 'delivery_delayed' ? 'badge warm' : 'badge');

type Message = Outputs['emails']['outbox']['items'][number];

export function Outbox({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const { data, error } = useQuery({
    ...trpc.emails.outbox.queryOptions({ q, status: status || undefined, page, pageSize: PAGE_SIZE }, { refetchInterval: 5_000 }),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const columns: Column<Message>[] = [
    { header: 'To', cell: (m) => m.toEmail },
    { header: 'Template', cell: (m) => m.template },
    { header: 'Variant', cell: (m) => m.variant ?? '—' },
    {
      header: 'Subject',
      cell: (m) => (
        <button className="secondary" onClick={() => onSelect(m.id)} style={{ padding: '2px 8px', textAlign: 'left' }} aria-label={`View “${m.subject}” to ${m.toEmail}`}>
          {m.subject}
        </button>
      ),
    },
    {
      header: 'Status',
      cell: (m) => (
        <>
          <span className={statusClass(m.status)}>{m.status}</span>
          {m.deferredUntil && <div className="muted" style={{ fontSize: 12 }}>deferred until {dateTime(m.deferredUntil)}</div>}
        </>
      ),
    },
    { header: 'Sent', cell: (m) => (m.sentAt ? dateTime(m.sentAt) : m.status === 'queued' ? 'not yet' : '—'), className: 'muted' },
  ];
  return (
    <section className="card" aria-labelledby="outbox-h">
      <h2 id="outbox-h">Outbox</h2>
      <div className="row" style={{ marginBottom: 8 }}>
        <div>
          <label htmlFor="outbox-q">Recipient</label>
          <input id="outbox-q" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} placeholder="email contains…" />
        </div>
        <div>
          <label htmlFor="outbox-status">Status</label>
          <select id="outbox-status" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <span className="muted" style={{ marginTop: 18 }}>
          {data ? `${data.total} message${data.total === 1 ? '' : 's'}` : ''}
        </span>
      </div>
      {error && <p className="alert" role="alert">{error.message}</p>}
      <DataTable
        data-testid="outbox"
        columns={columns}
        rows={data?.items}
        rowKey={(m) => m.id}
        empty="No messages."
        rowProps={(m) => ({ 'data-testid': `message-${m.id}`, 'aria-selected': selected === m.id, style: selected === m.id ? { background: '#eef2ff' } : undefined })}
      />
      <nav className="row" aria-label="Outbox pages" style={{ marginTop: 8 }}>
        <button className="secondary" onClick={() => setPage((p) => p - 1)} disabled={page <= 1}>
          Previous
        </button>
        <span>
          Page {page} of {pages}
        </span>
        <button className="secondary" onClick={() => setPage((p) => p + 1)} disabled={page >= pages}>
          Next
        </button>
      </nav>
    </section>
  );
}
