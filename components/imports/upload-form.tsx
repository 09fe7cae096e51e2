'use client';
/** Step 1 of a CSV import: pick a file; it streams to the server, which stores it and guesses the column mapping. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';
import en from '@/messages/en.json';

export function UploadForm() {
  const t = useTranslations('imports');
  const { number } = useFormat();
  const statusName = (s: string) => (Object.hasOwn(en.imports.status, s) ? t(`status.${s as keyof typeof en.imports.status}`) : s.replace(/_/g, ' '));
  const trpc = useTRPC();
  const router = useRouter();
  const recent = useQuery(trpc.imports.recent.queryOptions());
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/imports?filename=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'content-type': 'text/csv' } });
      const body = (await res.json()) as { id?: string; error?: string };
      if (!res.ok || !body.id) throw new Error(body.error ?? t('upload.failed', { status: String(res.status) }));
      router.push(`/leads/import?id=${body.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <>
      <div className="card">
        <label htmlFor="import-file">{t('upload.file')}</label>
        <div className="row">
          <input id="import-file" data-testid="import-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button data-testid="import-upload" onClick={() => void upload()} disabled={!file || busy}>
            {busy ? t('upload.uploading') : t('upload.upload')}
          </button>
        </div>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
      </div>
      {recent.data && recent.data.length > 0 && (
        <div className="card">
          <h2>{t('upload.recent')}</h2>
          <ul>
            {recent.data.map((r) => (
              <li key={r.id}>
                <Link href={`/leads/import?id=${r.id}`}>{r.filename}</Link> <span className="muted">· {t('rows', { count: r.totalRows, rows: number(r.totalRows) })} · {statusName(r.status)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
