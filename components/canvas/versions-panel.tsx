'use client';
/** Published versions, newest first: what each changed in words, how many leads run on it, and a link to open it read-only. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/lib/trpc/client';

export function VersionsPanel({ journeyId, publishedVersion }: { journeyId: string; publishedVersion: number | null }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.journeys.versions.queryOptions({ id: journeyId }));
  return (
    <section className="card" aria-label="Version history">
      <h2>Versions</h2>
      {versions.isPending && <p className="muted">Loading…</p>}
      {versions.data?.length === 0 && <p className="muted">Not published yet.</p>}
      <ol data-testid="versions" className="version-list">
        {versions.data?.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <div className="row">
              <strong>v{v.version}</strong>
              {v.version === publishedVersion && <span className="badge ok">live</span>}
              <span className="muted small">{new Date(v.publishedAt).toLocaleString()}</span>
              <Link className="small" href={`/journeys/${journeyId}/versions/${v.version}`} data-testid={`open-version-${v.version}`}>
                Open
              </Link>
            </div>
            <div className="small">
              {v.leadsRunning} running · {v.leadsTotal} leads in total
            </div>
            {v.version === 1 || v.changes.length === 0 ? (
              <div className="small muted">{v.version === 1 ? `${v.nodeCount} steps` : 'No step changes'}</div>
            ) : (
              <ul className="small muted change-list">
                {v.changes.slice(0, 4).map((c) => (
                  <li key={c}>{c}</li>
                ))}
                {v.changes.length > 4 && <li>and {v.changes.length - 4} more</li>}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
