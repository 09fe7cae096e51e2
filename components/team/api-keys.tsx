'use client';
/** API keys (admins): create one (shown once), see scopes and last use, revoke at once. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';

type Key = Outputs['users']['apiKeys'][number];

export function ApiKeys() {
  const t = useTranslations('team.keys');
  const { dateTime } = useFormat();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const keys = useQuery(trpc.users.apiKeys.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.users.apiKeys.queryKey() });
  const create = useMutation(trpc.users.createApiKey.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.users.revokeApiKey.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState({ ingest: true, read: false });

  const columns: Column<Key>[] = [
    { header: t('name'), cell: (k) => k.name },
    { header: t('key'), cell: (k) => <code>{k.prefix}…</code> },
    { header: t('scopes'), cell: (k) => k.scopes.join(', ') },
    { header: t('created'), cell: (k) => (k.createdBy ? t('createdBy', { at: dateTime(k.createdAt), by: k.createdBy }) : dateTime(k.createdAt)) },
    { header: t('lastUsed'), cell: (k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : t('never')) },
    {
      header: t('state'),
      cell: (k) =>
        k.revokedAt ? (
          t('revokedAt', { at: dateTime(k.revokedAt) })
        ) : (
          <button type="button" className="secondary" onClick={() => revoke.mutate({ id: k.id })}>
            {t('revoke')}
          </button>
        ),
    },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, scopes: (['ingest', 'read'] as const).filter((s) => scopes[s]) });
  }

  return (
    <section className="card" aria-labelledby="keys-h">
      <h2 id="keys-h">{t('title')}</h2>
      <form className="row" onSubmit={submit}>
        <div>
          <label htmlFor="key-name">{t('name')}</label>
          <input id="key-name" required value={name} onChange={(e) => setName(e.target.value)} placeholder={t('namePlaceholder')} />
        </div>
        {(['ingest', 'read'] as const).map((s) => (
          <label key={s} style={{ display: 'flex', gap: 6, marginTop: 18 }}>
            <input type="checkbox" checked={scopes[s]} onChange={(e) => setScopes({ ...scopes, [s]: e.target.checked })} /> {s}
          </label>
        ))}
        <button type="submit" disabled={create.isPending || (!scopes.ingest && !scopes.read)} style={{ marginTop: 18 }}>
          {t('create')}
        </button>
      </form>
      {create.data && (
        <p role="status" className="card" data-testid="new-api-key">
          {t('shownOnce')} <code style={{ overflowWrap: 'anywhere' }}>{create.data.key}</code>
        </p>
      )}
      {(create.error ?? revoke.error) && (
        <p className="alert" role="alert">
          {(create.error ?? revoke.error)?.message}
        </p>
      )}
      <DataTable columns={columns} rows={keys.data} rowKey={(k) => k.id} rowProps={() => ({ 'data-testid': 'api-key-row' })} />
    </section>
  );
}
