'use client';
/** The sales team hand-offs go to: add, edit, and deactivate (a deactivated owner gets no new hand-offs). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { useTRPC } from '@/lib/trpc/client';

type Owner = Outputs['settings']['owners'][number];
type Draft = { handle: string; name: string; email: string; managerEmail: string; active: boolean };
const blank: Draft = { handle: '', name: '', email: '', managerEmail: '', active: true };
const toDraft = (o: Owner): Draft => ({ handle: o.handle, name: o.name, email: o.email, managerEmail: o.managerEmail ?? '', active: o.active });

function OwnerForm({ owner, onDone }: { owner?: Owner; onDone?: () => void }) {
  const trpc = useTRPC();
  const t = useTranslations('settings.owners');
  const tc = useTranslations('common');
  const queryClient = useQueryClient();
  const [d, setD] = useState<Draft>(owner ? toDraft(owner) : blank);
  const save = useMutation(
    trpc.settings.saveOwner.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.settings.owners.queryKey() });
        if (!owner) setD(blank);
        onDone?.();
      },
    }),
  );
  const p = owner ? `owner-${owner.id}` : 'owner-new';
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ id: owner?.id, handle: d.handle, name: d.name, email: d.email, managerEmail: d.managerEmail.trim() || undefined, active: d.active });
  }
  const input = (k: 'handle' | 'name' | 'email' | 'managerEmail', label: string, type = 'text') => (
    <div>
      <label htmlFor={`${p}-${k}`}>{label}</label>
      <input id={`${p}-${k}`} type={type} required={k !== 'managerEmail'} value={d[k]} onChange={(e) => setD({ ...d, [k]: e.target.value })} />
    </div>
  );
  return (
    <form onSubmit={submit} className="row" style={{ alignItems: 'flex-end', padding: '8px 0' }} data-testid={p}>
      {input('handle', t('handle'))}
      {input('name', t('name'))}
      {input('email', t('email'), 'email')}
      {input('managerEmail', t('managerEmail'), 'email')}
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" checked={d.active} onChange={(e) => setD({ ...d, active: e.target.checked })} /> {t('active')}
      </label>
      <button type="submit" disabled={save.isPending}>
        {owner ? tc('save') : t('add')}
      </button>
      {onDone && (
        <button type="button" className="secondary" onClick={onDone}>
          {tc('cancel')}
        </button>
      )}
      {save.error && <span style={{ color: 'var(--hot)' }} role="alert">{save.error.message}</span>}
    </form>
  );
}

export function Owners() {
  const trpc = useTRPC();
  const t = useTranslations('settings.owners');
  const queryClient = useQueryClient();
  const owners = useQuery(trpc.settings.owners.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const toggle = useMutation(trpc.settings.saveOwner.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.owners.queryKey() }) }));
  return (
    <section className="card" aria-labelledby="owners-h" data-testid="owners">
      <h2 id="owners-h">{t('title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('handle')}</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('email')}</th>
            <th scope="col">{t('manager')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {owners.data?.map((o) =>
            editing === o.id ? (
              <tr key={o.id}>
                <td colSpan={6}>
                  <OwnerForm owner={o} onDone={() => setEditing(null)} />
                </td>
              </tr>
            ) : (
              <tr key={o.id} data-testid={`owner-row-${o.handle}`}>
                <td>@{o.handle}</td>
                <td>{o.name}</td>
                <td>{o.email}</td>
                <td>{o.managerEmail ?? '—'}</td>
                <td>
                  <span className={o.active ? 'badge ok' : 'badge'}>{o.active ? t('isActive') : t('isInactive')}</span>
                </td>
                <td className="row">
                  <button className="secondary" onClick={() => setEditing(o.id)}>
                    {t('edit')}
                  </button>
                  <button
                    className="secondary"
                    disabled={toggle.isPending}
                    onClick={() => toggle.mutate({ id: o.id, handle: o.handle, name: o.name, email: o.email, managerEmail: o.managerEmail ?? undefined, active: !o.active })}
                  >
                    {o.active ? t('deactivate') : t('reactivate')}
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <h3 style={{ fontSize: 15, marginTop: 16 }}>{t('addTitle')}</h3>
      <OwnerForm />
    </section>
  );
}
