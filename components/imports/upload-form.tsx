'use client';
/** Step 1 of a CSV import: pick a file; it streams to the server, which stores it and guesses the column mapping. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';

export function UploadForm() {
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
      if (!res.ok || !body.id) throw new Error(body.error ?? `upload failed (${res.status})`);
      router.push(`/leads/import?id=${body.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <>
      <div className="card">
        <label htmlFor="import-file">CSV file (first line names the columns; UTF-8)</label>
        <div className="row">
          <input id="import-file" data-testid="import-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button data-testid="import-upload" onClick={() => void upload()} disabled={!file || busy}>
            {busy ? 'Uploading…' : 'Upload'}
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
          <h2>Recent imports</h2>
          <ul>
            {recent.data.map((r) => (
              <li key={r.id}>
                <Link href={`/leads/import?id=${r.id}`}>{r.filename}</Link> <span className="muted">· {r.totalRows.toLocaleString('en')} rows · {r.status.replace(/_/g, ' ')}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
