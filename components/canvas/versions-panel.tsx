'use client';
/** Published versions, newest first: what changed from the one before and how many leads run on each. */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';

const list = (ids: readonly string[]) => (ids.length > 3 ? `${ids.slice(0, 3).join(', ')} +${ids.length - 3}` : ids.join(', '));

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
              <span className="muted">{new Date(v.publishedAt).toLocaleString()}</span>
            </div>
            <div className="small">
              {v.leadsRunning} running · {v.leadsTotal} leads in total
            </div>
            <div className="small muted">
              {v.version === 1 || (v.diff.added.length === 0 && v.diff.removed.length === 0 && v.diff.changed.length === 0)
                ? v.version === 1
                  ? `${v.nodeCount} steps`
                  : 'No step changes'
                : [
                    v.diff.added.length > 0 && `+${v.diff.added.length} added (${list(v.diff.added)})`,
                    v.diff.removed.length > 0 && `−${v.diff.removed.length} removed (${list(v.diff.removed)})`,
                    v.diff.changed.length > 0 && `${v.diff.changed.length} changed (${list(v.diff.changed)})`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
