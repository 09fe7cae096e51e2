'use client';
/** A run's progress bar, its counts and the rows it refused, each with the field and the reason. */
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
  const dry = data.mode === 'dry_run';
  const pct = data.totalRows ? Math.round((data.processed / data.totalRows) * 100) : 0;
  const running = data.status === 'importing' || data.status === 'dry_running';
  return (
    <div className="card" data-testid="import-run">
      <h2>{dry ? 'Dry run' : 'Import'}</h2>
      <progress data-testid="import-progress" value={data.processed} max={data.totalRows || 1} aria-label={`${dry ? 'Dry run' : 'Import'} progress`} style={{ width: '100%', height: 18 }} />
      <p data-testid="import-counts" aria-live="polite">
        {data.processed.toLocaleString('en')} of {data.totalRows.toLocaleString('en')} rows ({pct} %) ·{' '}
        {dry ? `${data.created.toLocaleString('en')} would import` : `${data.created.toLocaleString('en')} created · ${data.merged.toLocaleString('en')} merged into existing leads`} ·{' '}
        {data.failed.toLocaleString('en')} with errors {running ? '· running in the background (you may close this tab)' : ''}
      </p>
      {data.status === 'done' && <p className="badge ok" data-testid="import-done">Import finished</p>}
      {data.status === 'failed' && (
        <p className="alert" role="alert">
          The run stopped: {data.lastError}
        </p>
      )}
      {data.errors.length > 0 && (
        <table data-testid="import-errors">
          <caption style={{ textAlign: 'left' }}>
            Rows {dry ? 'that would be' : ''} skipped{data.failed > data.errors.length ? ` (first ${data.errors.length} of ${data.failed})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {data.errors.map((e) => (
              <tr key={`${e.row}-${e.field}`} data-testid={`import-error-row-${e.row}`}>
                <td>{e.row}</td>
                <td>{e.field}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
