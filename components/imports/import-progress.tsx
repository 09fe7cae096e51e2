'use client';
/** A run's progress bar, its counts and the rows it refused, each with the field and the reason. */
import { useTranslations } from 'next-intl';
import { useFormat } from '@/components/ui/use-format';
import { useServerText } from '@/components/ui/use-server-text';
import type { ImportRowError } from '@/db/schema';

export interface ProgressData {
  mode: 'dry_run' | 'import';
  status: string;
  totalRows: number;
  processed: number;
  created: number;
  merged: number;
  failed: number;
  errors: ImportRowError[];
  lastError: string | null;
}

export function ImportProgress({ data }: { data: ProgressData }) {
  const t = useTranslations('imports.run');
  const { number } = useFormat();
  const say = useServerText();
  const dry = data.mode === 'dry_run';
  const pct = data.totalRows ? Math.round((data.processed / data.totalRows) * 100) : 0;
  const running = data.status === 'importing' || data.status === 'dry_running';
  return (
    <div className="card" data-testid="import-run">
      <h2>{dry ? t('dryRun') : t('import')}</h2>
      <progress data-testid="import-progress" value={data.processed} max={data.totalRows || 1} aria-label={dry ? t('dryRunProgress') : t('importProgress')} style={{ width: '100%', height: 18 }} />
      <p data-testid="import-counts" aria-live="polite">
        {t('processed', { processed: number(data.processed), total: number(data.totalRows), pct: number(pct) })} ·{' '}
        {dry ? t('wouldImport', { created: number(data.created) }) : t('imported', { created: number(data.created), merged: number(data.merged) })} ·{' '}
        {t('withErrors', { failed: number(data.failed) })} {running ? t('background') : ''}
      </p>
      {data.status === 'done' && <p className="badge ok" data-testid="import-done">{t('done')}</p>}
      {data.status === 'failed' && (
        <p className="alert" role="alert">
          {t('stopped', { error: data.lastError ?? '' })}
        </p>
      )}
      {data.errors.length > 0 && (
        <table data-testid="import-errors">
          <caption style={{ textAlign: 'left' }}>
            {dry ? t('wouldSkip') : t('skipped')}
            {data.failed > data.errors.length ? ` ${t('firstOf', { shown: number(data.errors.length), failed: number(data.failed) })}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('row')}</th>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('problem')}</th>
            </tr>
          </thead>
          <tbody>
            {data.errors.map((e) => (
              <tr key={`${e.row}-${e.field}`} data-testid={`import-error-row-${e.row}`}>
                <td>{e.row}</td>
                <td>{e.field}</td>
                <td>{say(e.text, e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
