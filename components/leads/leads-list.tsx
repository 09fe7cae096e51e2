'use client';
/** The leads list: debounced search, stage and hot filters, pagination; each row opens the lead page. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { isStage } from '@/components/dashboard/labels';
import { useFormat } from '@/components/ui/use-format';
import { stageClass, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { displayName } from '@/lib/people/names';
import { useTRPC } from '@/lib/trpc/client';
import type { LeadFilters } from '@/server/services/lead-list';

const STAGES = ['cold', 'warm', 'engaged', 'hot'] as const;
type Stage = (typeof STAGES)[number];
const PAGE_SIZE = 25;

/** Waits for typing to pause so every keystroke does not hit the database. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Filters that arrive in a link (from the dashboard or an import) and show as removable chips, named by messages' leads.filter.*. */
const LINK_FILTERS = ['source', 'utmCampaign', 'lifecycle', 'owner', 'createdFrom', 'createdTo', 'template', 'variant', 'sentFrom', 'sentTo', 'handoffFrom', 'handoffTo'] as const;
type LinkFilter = (typeof LINK_FILTERS)[number];

type Lead = Outputs['leads']['list']['items'][number];

function useColumns(): Column<Lead>[] {
  const t = useTranslations('leads');
  const ts = useTranslations('stages');
  const tl = useTranslations('lifecycle');
  const f = useFormat();
  return useMemo(
    () => [
      {
        header: t('col.lead'),
        cell: (l) => {
          const name = displayName(l);
          return (
            <>
              <Link href={`/leads/${l.id}`}>{name || l.email}</Link>
              {name && <div className="muted" style={{ fontSize: 12 }}>{l.email}</div>}
            </>
          );
        },
      },
      { header: t('col.company'), cell: (l) => l.company ?? '—' },
      { header: t('col.score'), cell: (l) => f.number(l.score), style: { fontVariantNumeric: 'tabular-nums', fontWeight: 600 } },
      {
        header: t('col.stage'),
        cell: (l) => (
          <>
            <span className={stageClass(l.stage)}>{isStage(l.stage) ? ts(l.stage) : l.stage}</span>{' '}
            {l.isHot && (
              <span className="badge hot" title={t('hotLeadTitle')}>
                {t('hotLead')}
              </span>
            )}
          </>
        ),
      },
      { header: t('col.lifecycle'), cell: (l) => tl(l.lifecycle) },
      { header: t('col.owner'), cell: (l) => l.ownerHandle ?? '—' },
      { header: t('col.created'), cell: (l) => f.date(l.createdAt), className: 'muted' },
    ],
    [t, ts, tl, f],
  );
}

export function LeadsList({ initial }: { initial: Partial<Record<LinkFilter | 'q' | 'stage', string>> & { hotOnly?: boolean } }) {
  const trpc = useTRPC();
  const t = useTranslations('leads');
  const ts = useTranslations('stages');
  const columns = useColumns();
  const [q, setQ] = useState(initial.q ?? '');
  const [stage, setStage] = useState<Stage | ''>(STAGES.find((s) => s === initial.stage) ?? '');
  const [hotOnly, setHotOnly] = useState(initial.hotOnly ?? false);
  const [linked, setLinked] = useState(() => Object.fromEntries(LINK_FILTERS.flatMap((k) => (initial[k] ? [[k, initial[k]]] : []))) as Partial<Record<LinkFilter, string>>);
  const [page, setPage] = useState(1);
  const owners = useQuery(trpc.settings.owners.queryOptions());
  const query = useDebounced(q, 300);
  useEffect(() => setPage(1), [query, stage, hotOnly, linked]);

  const filters = { q: query, stage: stage || undefined, hotOnly, ...linked } as const;
  const { data, error, isFetching } = useQuery({
    ...trpc.leads.list.queryOptions({ ...filters, lifecycle: filters.lifecycle as LeadFilters['lifecycle'], page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const exportHref = `/api/leads/export?${new URLSearchParams(Object.entries({ ...filters, hotOnly: hotOnly ? '1' : '' }).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <div className="row card" role="search">
        <div>
          <label htmlFor="leads-search">{t('search')}</label>
          <input id="leads-search" data-testid="leads-search" type="search" placeholder={t('searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} />
        </div>
        <div>
          <label htmlFor="leads-stage">{t('stage')}</label>
          <select id="leads-stage" data-testid="leads-stage" value={stage} onChange={(e) => setStage(e.target.value as Stage | '')}>
            <option value="">{t('allStages')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="leads-owner">{t('owner')}</label>
          <select id="leads-owner" data-testid="leads-owner" value={linked.owner ?? ''} onChange={(e) => setLinked({ ...linked, owner: e.target.value || undefined })}>
            <option value="">{t('anyOwner')}</option>
            {owners.data?.map((o) => (
              <option key={o.id} value={o.handle}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 18 }}>
          <input type="checkbox" data-testid="leads-hot-only" checked={hotOnly} onChange={(e) => setHotOnly(e.target.checked)} /> {t('hotOnly')}
        </label>
        <span className="muted" aria-live="polite" style={{ marginTop: 18 }} data-testid="leads-total">
          {data ? t('total', { count: data.total }) : ''} {isFetching ? t('updating') : ''}
        </span>
        <span style={{ marginLeft: 'auto', marginTop: 18 }} className="row">
          <a href={exportHref} data-testid="leads-export" download>
            {t('export')}
          </a>
          <Link href="/leads/import" data-testid="leads-import">
            {t('import')}
          </Link>
        </span>
      </div>
      {Object.keys(linked).length > 0 && (
        <div className="row" style={{ marginBottom: 12 }} data-testid="leads-link-filters">
          {(Object.entries(linked) as [LinkFilter, string][]).map(([k, v]) => (
            <span key={k} className="badge">
              {t(`filter.${k}`)}: {v}{' '}
              <button className="secondary" aria-label={t('removeFilter', { name: t(`filter.${k}`) })} style={{ padding: '0 6px' }} onClick={() => setLinked(({ [k]: _drop, ...rest }) => rest)}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      {error && <p className="alert" role="alert">{t('loadFailed', { message: error.message })}</p>}
      <DataTable data-testid="leads-table" columns={columns} rows={data?.items} rowKey={(l) => l.id} empty={t('empty')} rowProps={(l) => ({ 'data-testid': `lead-row-${l.id}` })} />
      <nav className="row" aria-label={t('pages')} style={{ marginTop: 12 }}>
        <button className="secondary" onClick={() => setPage((p) => p - 1)} disabled={page <= 1} data-testid="leads-prev">
          {t('previous')}
        </button>
        <span>{t('page', { page, pages })}</span>
        <button className="secondary" onClick={() => setPage((p) => p + 1)} disabled={page >= pages} data-testid="leads-next">
          {t('next')}
        </button>
      </nav>
    </>
  );
}
