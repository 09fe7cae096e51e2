'use client';
/** API keys (admins): create one (shown once), see scopes and last use, revoke at once. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc/client';

type Key = Outputs['users']['apiKeys'][number];

export function ApiKeys() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const keys = useQuery(trpc.users.apiKeys.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.users.apiKeys.queryKey() });
  const create = useMutation(trpc.users.createApiKey.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.users.revokeApiKey.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState({ ingest: true, read: false });

  const columns: Column<Key>[] = [
    { header: 'Name', cell: (k) => k.name },
    { header: 'Key', cell: (k) => <code>{k.prefix}…</code> },
    { header: 'Scopes', cell: (k) => k.scopes.join(', ') },
    { header: 'Created', cell: (k) => `${dateTime(k.createdAt)}${k.createdBy ? ` by ${k.createdBy}` : ''}` },
    { header: 'Last used', cell: (k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : 'never') },
    {
      header: 'State',
      cell: (k) =>
        k.revokedAt ? (
          `revoked ${dateTime(k.revokedAt)}`
        ) : (
          <button type="button" className="secondary" onClick={() => revoke.mutate({ id: k.id })}>
            Revoke
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
      <h2 id="keys-h">API keys</h2>
      <form className="row" onSubmit={submit}>
        <div>
          <label htmlFor="key-name">Name</label>
          <input id="key-name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Website form" />
        </div>
        {(['ingest', 'read'] as const).map((s) => (
          <label key={s} style={{ display: 'flex', gap: 6, marginTop: 18 }}>
            <input type="checkbox" checked={scopes[s]} onChange={(e) => setScopes({ ...scopes, [s]: e.target.checked })} /> {s}
          </label>
        ))}
        <button type="submit" disabled={create.isPending || (!scopes.ingest && !scopes.read)} style={{ marginTop: 18 }}>
          Create key
        </button>
      </form>
      {create.data && (
        <p role="status" className="card" data-testid="new-api-key">
          Copy this key now: it is shown once. <code style={{ overflowWrap: 'anywhere' }}>{create.data.key}</code>
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
