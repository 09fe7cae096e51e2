'use client';
/** The journeys list: create (blank or from the default template), open, rename, duplicate, archive with undo; unpublished drafts are marked. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';

export function JourneyList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // Always refetch on arrival: counts and drafts change from other pages and other people within the 2-s stale window.
  const list = useQuery({ ...trpc.journeys.list.queryOptions(), refetchOnMount: 'always' });
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.journeys.pathKey() });
  const create = useMutation(trpc.journeys.create.mutationOptions({ onSuccess: (r) => router.push(`/journeys/${r.id}`) }));
  const duplicate = useMutation(trpc.journeys.duplicate.mutationOptions({ onSuccess: refresh }));
  const rename = useMutation(trpc.journeys.rename.mutationOptions({ onSuccess: async () => { setRenaming(null); await refresh(); } }));
  const [archived, setArchived] = useState<{ id: string; name: string } | null>(null);
  const archive = useMutation(trpc.journeys.archive.mutationOptions({ onSuccess: refresh }));
  const unarchive = useMutation(trpc.journeys.unarchive.mutationOptions({ onSuccess: async () => { setArchived(null); await refresh(); } }));
  const error = create.error ?? duplicate.error ?? rename.error ?? archive.error ?? unarchive.error;

  return (
    <>
      <h1>Journeys</h1>
      <form
        className="card row"
        aria-label="New journey"
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e.nativeEvent).submitter as HTMLButtonElement | null;
          create.mutate({ name: name.trim() || 'Untitled journey', from: submitter?.value === 'default' ? 'default' : 'blank' });
        }}
      >
        <div>
          <label htmlFor="new-journey-name">Name</label>
          <input id="new-journey-name" data-testid="new-journey-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="e.g. Webinar follow-up" />
        </div>
        <button type="submit" value="blank" data-testid="create-blank" disabled={create.isPending}>
          Create blank
        </button>
        <button type="submit" value="default" className="secondary" data-testid="create-from-template" disabled={create.isPending}>
          From template (default journey)
        </button>
      </form>
      {error && <p className="alert">{error.message}</p>}
      {archived && (
        <p className="card row" role="status" data-testid="archived-notice">
          Archived “{archived.name}”. Leads already in it keep running; no new leads enter.
          <button type="button" className="secondary small" data-testid="undo-archive" onClick={() => unarchive.mutate({ id: archived.id })}>
            Undo
          </button>
        </p>
      )}
      {list.isPending && <p className="muted">Loading…</p>}
      <table data-testid="journeys">
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Published</th>
            <th>Leads running</th>
            <th>Last edit</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((j) => (
            <tr key={j.id} data-testid={`journey-${j.id}`}>
              <td>
                {renaming?.id === j.id ? (
                  <form
                    className="row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (renaming.name.trim()) rename.mutate({ id: j.id, name: renaming.name.trim() });
                    }}
                  >
                    <input id={`rename-${j.id}`} aria-label="New name" autoFocus value={renaming.name} onChange={(e) => setRenaming({ id: j.id, name: e.target.value })} />
                    <button type="submit">Save</button>
                    <button type="button" className="secondary" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <Link href={`/journeys/${j.id}`}>{j.name}</Link>
                )}
                {j.isDefault && <span className="badge">default</span>}
              </td>
              <td>
                <span className={`badge ${j.status === 'published' ? 'ok' : ''}`}>{j.status}</span>{' '}
                {j.status === 'published' && j.unpublishedChanges && (
                  <span className="badge warm" data-testid={`unpublished-${j.id}`}>
                    unpublished changes
                  </span>
                )}
              </td>
              <td>{j.publishedVersion ? `v${j.publishedVersion}` : '—'}</td>
              <td>{j.leadsRunning}</td>
              <td>{new Date(j.updatedAt).toLocaleString()}</td>
              <td className="row">
                <button type="button" className="secondary small" aria-label={`Rename ${j.name}`} onClick={() => setRenaming({ id: j.id, name: j.name })}>
                  Rename
                </button>
                <button type="button" className="secondary small" aria-label={`Duplicate ${j.name}`} onClick={() => duplicate.mutate({ id: j.id })}>
                  Duplicate
                </button>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Archive ${j.name}`}
                  onClick={() => {
                    setArchived({ id: j.id, name: j.name });
                    archive.mutate({ id: j.id });
                  }}
                >
                  Archive
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
