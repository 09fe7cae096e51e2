'use client';
/** The scoring-rule change log: what changed, when, before → after, so a quarter's tuning can be traced. */
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';

type Change = Outputs['settings']['scoring']['changes'][number];
const FIELDS = ['name', 'points', 'active', 'oncePerLead', 'eventType', 'condition'] as const;
const show = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function ChangeLog({ changes }: { changes: Change[] }) {
  const t = useTranslations('settings.changeLog');
  const f = useFormat();
  const columns = useMemo((): Column<Change>[] => {
    const diff = (c: Change): string[] => {
      if (!c.before) return [t('created', { points: show(c.after?.points) })];
      return FIELDS.filter((k) => JSON.stringify(c.before?.[k]) !== JSON.stringify(c.after?.[k])).map((k) => `${t(`field.${k}`)}: ${show(c.before?.[k])} → ${show(c.after?.[k])}`);
    };
    return [
      { header: t('when'), cell: (c) => f.dateTime(c.changedAt) },
      // Changes from before sign-in existed have no author.
      { header: t('who'), cell: (c) => c.changedByName ?? t('unknownAuthor'), className: (c) => (c.changedByName ? undefined : 'muted'), cellProps: () => ({ 'data-testid': 'change-who' }) },
      { header: t('rule'), cell: (c) => show(c.after?.name ?? c.before?.name) },
      {
        header: t('change'),
        cell: (c) => {
          const lines = diff(c);
          return lines.length ? lines.map((l) => <div key={l}>{l}</div>) : <span className="muted">{t('unchanged')}</span>;
        },
      },
    ];
  }, [t, f]);
  return (
    <section className="card" aria-labelledby="changelog-h" data-testid="change-log">
      <h2 id="changelog-h">{t('title')}</h2>
      {changes.length === 0 && <p className="muted">{t('empty')}</p>}
      {changes.length > 0 && <DataTable columns={columns} rows={changes} rowKey={(c) => c.id} />}
    </section>
  );
}
