'use client';
/** The outbox: every message newest first, filterable by recipient and status; a row opens the message view. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';
import { useStatus } from '@/components/ui/use-status';
import { useTRPC } from '@/lib/trpc/client';

const STATUSES = ['queued', 'retrying', 'sent', 'delivered', 'delivery_delayed', 'opened', 'clicked', 'bounced', 'soft_bounced', 'complained', 'failed'];
const PAGE_SIZE = 25;
const statusClass = (s: string) => (['bounced', 'complained', 'failed'].includes(s) ? 'badge hot' : ['opened', 'clicked'].includes(s) ? 'badge ok' : s === 'queued' || s === 'retrying' || s === 'delivery_delayed' ? 'badge warm' : 'badge');

type Message = Outputs['emails']['outbox']['items'][number];

/** Email statuses in the reader's language, with the outbox's own (retrying, soft bounce) beside the shared ones. */
export function useEmailStatus() {
  const own = useTranslations('outbox.status');
  const shared = useStatus();
  return (s: string) => (s === 'retrying' || s === 'soft_bounced' ? own(s) : shared('email', s));
}

export function Outbox({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const t = useTranslations('outbox');
  const { dateTime, number } = useFormat();
  const statusName = useEmailStatus();
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
    { header: t('col.to'), cell: (m) => m.toEmail },
    { header: t('col.template'), cell: (m) => m.template },
    { header: t('col.variant'), cell: (m) => m.variant ?? '—' },
    {
      header: t('col.subject'),
      cell: (m) => (
        <button className="secondary" onClick={() => onSelect(m.id)} style={{ padding: '2px 8px', textAlign: 'left' }} aria-label={t('view', { subject: m.subject, to: m.toEmail })}>
          {m.subject}
        </button>
      ),
    },
    {
      header: t('col.status'),
      cell: (m) => (
        <>
          <span className={statusClass(m.status)} data-status={m.status}>
            {statusName(m.status)}
          </span>
          {m.deferredUntil && <div className="muted" style={{ fontSize: 12 }}>{t('deferredUntil', { at: dateTime(m.deferredUntil) })}</div>}
        </>
      ),
    },
    { header: t('col.sent'), cell: (m) => (m.sentAt ? dateTime(m.sentAt) : m.status === 'queued' ? t('notYet') : '—'), className: 'muted' },
  ];
  return (
    <section className="card" aria-labelledby="outbox-h">
      <h2 id="outbox-h">{t('title')}</h2>
      <div className="row" style={{ marginBottom: 8 }}>
        <div>
          <label htmlFor="outbox-q">{t('recipient')}</label>
          <input id="outbox-q" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} placeholder={t('recipientPlaceholder')} />
        </div>
        <div>
          <label htmlFor="outbox-status">{t('col.status')}</label>
          <select id="outbox-status" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
            <option value="">{t('anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(s)}
              </option>
            ))}
          </select>
        </div>
        <span className="muted" style={{ marginTop: 18 }}>
          {data ? t('total', { count: data.total }) : ''}
        </span>
      </div>
      {error && <p className="alert" role="alert">{error.message}</p>}
      <DataTable
        data-testid="outbox"
        columns={columns}
        rows={data?.items}
        rowKey={(m) => m.id}
        empty={t('empty')}
        rowProps={(m) => ({ 'data-testid': `message-${m.id}`, 'aria-selected': selected === m.id, style: selected === m.id ? { background: '#eef2ff' } : undefined })}
      />
      <nav className="row" aria-label={t('pages')} style={{ marginTop: 8 }}>
        <button className="secondary" onClick={() => setPage((p) => p - 1)} disabled={page <= 1}>
          {t('previous')}
        </button>
        <span>
          {t('page', { page: number(page), pages: number(pages) })}
        </span>
        <button className="secondary" onClick={() => setPage((p) => p + 1)} disabled={page >= pages}>
          {t('next')}
        </button>
      </nav>
    </section>
  );
}
