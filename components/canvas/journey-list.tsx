'use client';
/** The journeys list: create (blank or from the default template), open, rename, duplicate, archive with undo; unpublished drafts are marked. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';

export function JourneyList() {
  const trpc = useTRPC();
  const t = useTranslations('journeys');
  const tc = useTranslations('common');
  const f = useFormat();
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
      <h1>{t('title')}</h1>
      <form
        className="card row"
        aria-label={t('newJourney')}
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e.nativeEvent).submitter as HTMLButtonElement | null;
          create.mutate({ name: name.trim() || t('untitled'), from: submitter?.value === 'default' ? 'default' : 'blank' });
        }}
      >
        <div>
          <label htmlFor="new-journey-name">{t('name')}</label>
          <input id="new-journey-name" data-testid="new-journey-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder={t('namePlaceholder')} />
        </div>
        <button type="submit" value="blank" data-testid="create-blank" disabled={create.isPending}>
          {t('createBlank')}
        </button>
        <button type="submit" value="default" className="secondary" data-testid="create-from-template" disabled={create.isPending}>
          {t('createFromTemplate')}
        </button>
      </form>
      {error && <p className="alert">{error.message}</p>}
      {archived && (
        <p className="card row" role="status" data-testid="archived-notice">
          {t('archived', { name: archived.name })}
          <button type="button" className="secondary small" data-testid="undo-archive" onClick={() => unarchive.mutate({ id: archived.id })}>
            {t('undo')}
          </button>
        </p>
      )}
      {list.isPending && <p className="muted">{tc('loading')}</p>}
      <table data-testid="journeys">
        <thead>
          <tr>
            <th>{t('col.name')}</th>
            <th>{t('col.status')}</th>
            <th>{t('col.published')}</th>
            <th>{t('col.running')}</th>
            <th>{t('col.lastEdit')}</th>
            <th aria-label={t('col.actions')} />
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
                    <input id={`rename-${j.id}`} aria-label={t('newName')} autoFocus value={renaming.name} onChange={(e) => setRenaming({ id: j.id, name: e.target.value })} />
                    <button type="submit">{tc('save')}</button>
                    <button type="button" className="secondary" onClick={() => setRenaming(null)}>
                      {tc('cancel')}
                    </button>
                  </form>
                ) : (
                  <Link href={`/journeys/${j.id}`}>{j.name}</Link>
                )}
                {j.isDefault && <span className="badge">{t('default')}</span>}
              </td>
              <td>
                <span className={`badge ${j.status === 'published' ? 'ok' : ''}`}>{t(`status.${j.status}`)}</span>{' '}
                {j.status === 'published' && j.unpublishedChanges && (
                  <span className="badge warm" data-testid={`unpublished-${j.id}`}>
                    {t('unpublished')}
                  </span>
                )}
              </td>
              <td>{j.publishedVersion ? t('version', { version: j.publishedVersion }) : '—'}</td>
              <td>{f.number(j.leadsRunning)}</td>
              <td>{f.dateTime(j.updatedAt)}</td>
              <td className="row">
                <button type="button" className="secondary small" aria-label={t('renameLabel', { name: j.name })} onClick={() => setRenaming({ id: j.id, name: j.name })}>
                  {t('rename')}
                </button>
                <button type="button" className="secondary small" aria-label={t('duplicateLabel', { name: j.name })} onClick={() => duplicate.mutate({ id: j.id })}>
                  {t('duplicate')}
                </button>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={t('archiveLabel', { name: j.name })}
                  onClick={() => {
                    setArchived({ id: j.id, name: j.name });
                    archive.mutate({ id: j.id });
                  }}
                >
                  {t('archive')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
