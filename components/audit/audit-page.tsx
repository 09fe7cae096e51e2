'use client';
/** The audit trail (admins and ops): who did what, when, from which address, filtered by action, person, text and dates. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';
import en from '@/messages/en.json';

type Entry = Outputs['audit']['list']['items'][number];

export function AuditPage() {
  const t = useTranslations('audit');
  const tr = useTranslations('roles');
  const { dateTime, number } = useFormat();
  const role = (r: string) => (Object.hasOwn(en.roles, r) ? tr(r as keyof typeof en.roles) : r);
  const columns: Column<Entry>[] = [
    { header: t('col.when'), cell: (a) => dateTime(a.at) },
    {
      header: t('col.who'),
      cell: (a) => (
        <>
          {a.actorEmail ?? '—'}
          {a.actorRole ? <span className="muted"> · {role(a.actorRole)}</span> : null}
        </>
      ),
    },
    { header: t('col.action'), cell: (a) => <code>{a.action}</code> },
    { header: t('col.what'), cell: (a) => a.summary, style: { overflowWrap: 'anywhere' } },
    { header: t('col.from'), cell: (a) => a.ip ?? '—', className: 'muted' },
  ];
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
          <label htmlFor="audit-action">{t('filter.action')}</label>
          <input id="audit-action" value={f.action} onChange={set('action')} placeholder="journeys.publish" />
        </div>
        <div>
          <label htmlFor="audit-actor">{t('filter.who')}</label>
          <input id="audit-actor" value={f.actor} onChange={set('actor')} placeholder={t('filter.whoPlaceholder')} />
        </div>
        <div>
          <label htmlFor="audit-q">{t('filter.text')}</label>
          <input id="audit-q" value={f.q} onChange={set('q')} placeholder={t('filter.textPlaceholder')} />
        </div>
        <div>
          <label htmlFor="audit-from">{t('filter.from')}</label>
          <input id="audit-from" type="date" value={f.from} onChange={set('from')} />
        </div>
        <div>
          <label htmlFor="audit-to">{t('filter.to')}</label>
          <input id="audit-to" type="date" value={f.to} onChange={set('to')} />
        </div>
        <span className="muted" style={{ marginTop: 18 }}>
          {data ? t('total', { count: data.total }) : ''}
        </span>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error.message}
        </p>
      )}
      <DataTable columns={columns} rows={data?.items} rowKey={(a) => a.id} rowProps={(a) => ({ 'data-testid': 'audit-row', 'data-action': a.action })} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('newer')}
        </button>
        <span className="muted">
          {t('page', { page: number(page), pages: number(pages) })}
        </span>
        <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('older')}
        </button>
      </div>
    </>
  );
}
