'use client';
/** One uploaded file: map its columns, preview, dry-run, import; the run's progress is polled from the server, so the tab may close. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useFormat } from '@/components/ui/use-format';
import { IMPORT_FIELDS, type MappingTarget } from '@/lib/imports/fields';
import { useTRPC } from '@/lib/trpc/client';
import { ImportProgress } from './import-progress';

const TARGETS: MappingTarget[] = [...IMPORT_FIELDS, 'property', ''];

export function ImportView({ id }: { id: string }) {
  const t = useTranslations('imports');
  const { number } = useFormat();
  const label = (target: MappingTarget) => t(`fields.${target || 'skip'}`);
  const trpc = useTRPC();
  const status = useQuery(
    trpc.imports.status.queryOptions({ id }, { refetchInterval: (q) => (q.state.data?.status === 'importing' || q.state.data?.status === 'dry_running' ? 1_000 : false) }),
  );
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [source, setSource] = useState('csv_import');
  const [enterJourneys, setEnterJourneys] = useState(true);
  const run = useMutation(trpc.imports.run.mutationOptions({ onSuccess: () => void status.refetch() }));

  useEffect(() => {
    if (status.data && mapping === null) {
      setMapping(status.data.mapping);
      setSource(status.data.source);
      setEnterJourneys(status.data.enterJourneys);
    }
  }, [status.data, mapping]);

  if (status.isPending) return <p className="muted">{t('loading')}</p>;
  if (status.error) return <p className="alert" role="alert">{status.error.message}</p>;
  const d = status.data;
  const m = mapping ?? d.mapping;
  const locked = d.status === 'importing' || d.status === 'done' || d.status === 'dry_running';
  const shown = d.headers.filter((h) => m[h]);
  const start = (mode: 'dry_run' | 'import') => run.mutate({ importId: id, mode, mapping: m, source, enterJourneys });

  return (
    <>
      <p>
        <strong>{d.filename}</strong> · {t('rows', { count: d.totalRows, rows: number(d.totalRows) })} · <Link href="/leads/import">{t('anotherFile')}</Link>
      </p>
      <div className="card">
        <h2>{t('mapping.title')}</h2>
        <table data-testid="import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('mapping.column')}</th>
              <th scope="col">{t('mapping.firstValues')}</th>
              <th scope="col">{t('mapping.leadField')}</th>
            </tr>
          </thead>
          <tbody>
            {d.headers.map((h, i) => (
              <tr key={h}>
                <td>{h}</td>
                <td className="muted">{d.sample.slice(0, 3).map((r) => r[i] ?? '').join(' · ')}</td>
                <td>
                  <select aria-label={t('mapping.fieldFor', { column: h })} data-testid={`map-${h}`} value={m[h] ?? ''} disabled={locked} onChange={(e) => setMapping({ ...m, [h]: e.target.value })}>
                    {TARGETS.map((target) => (
                      <option key={target} value={target}>
                        {label(target)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row" style={{ marginTop: 12 }}>
          <div>
            <label htmlFor="import-source">{t('mapping.source')}</label>
            <input id="import-source" value={source} disabled={locked} onChange={(e) => setSource(e.target.value)} />
          </div>
          <label style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 18 }}>
            <input type="checkbox" checked={enterJourneys} disabled={locked} onChange={(e) => setEnterJourneys(e.target.checked)} /> {t('mapping.enterJourneys')}
          </label>
        </div>
      </div>
      <div className="card">
        <h2>{t('preview')}</h2>
        <table data-testid="import-preview">
          <thead>
            <tr>
              {shown.map((h) => (
                <th key={h} scope="col">
                  {m[h] === 'property' ? t('propertyColumn', { column: h }) : label(m[h] as MappingTarget)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.sample.map((r, ri) => (
              <tr key={ri}>
                {shown.map((h) => (
                  <td key={h}>{r[d.headers.indexOf(h)] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {run.error && (
        <p className="alert" role="alert">
          {run.error.message}
        </p>
      )}
      <div className="row" style={{ marginBottom: 16 }}>
        <button className="secondary" data-testid="import-dry-run" disabled={locked || run.isPending} onClick={() => start('dry_run')}>
          {t('dryRun')}
        </button>
        <button data-testid="import-start" disabled={locked || run.isPending} onClick={() => start('import')}>
          {t('start', { count: d.totalRows, rows: number(d.totalRows) })}
        </button>
      </div>
      {d.status !== 'uploaded' && <ImportProgress data={d} />}
      {d.status === 'done' && (
        <p>
          <Link href={`/leads?source=${encodeURIComponent(d.source)}`}>{t('seeLeads')}</Link>
        </p>
      )}
    </>
  );
}
