'use client';
/** The Team page (admins): people and roles, invitations, sales-owner links, deactivation. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';
import { ApiKeys } from './api-keys';

const ROLES = ['admin', 'marketer', 'sales', 'ops'] as const;
type Role = (typeof ROLES)[number];
type Member = Outputs['users']['list']['users'][number];
type Invitation = Outputs['users']['list']['invitations'][number];

const invitationState = (i: Invitation) => (i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : new Date(i.expiresAt) < new Date() ? 'expired' : 'open');

export function TeamPage() {
  const t = useTranslations('team');
  const tr = useTranslations('roles');
  const { dateTime } = useFormat();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const team = useQuery(trpc.users.list.queryOptions());
  const owners = useQuery(trpc.settings.owners.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: refresh }));
  const setOwner = useMutation(trpc.users.setSalesOwner.mutationOptions({ onSuccess: refresh }));
  const setActive = useMutation(trpc.users.setActive.mutationOptions({ onSuccess: refresh }));
  const invite = useMutation(trpc.users.invite.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.users.revokeInvitation.mutationOptions({ onSuccess: refresh }));
  const [inv, setInv] = useState<{ email: string; role: Role }>({ email: '', role: 'marketer' });
  const error = setRole.error ?? setOwner.error ?? setActive.error ?? invite.error ?? revoke.error;

  const people: Column<Member>[] = [
    { header: t('people.name'), cell: (u) => u.name },
    { header: t('people.email'), cell: (u) => u.email },
    {
      header: t('people.role'),
      cell: (u) => (
        <select aria-label={t('people.roleOf', { email: u.email })} value={u.role} onChange={(e) => setRole.mutate({ userId: u.id, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tr(r)}
            </option>
          ))}
        </select>
      ),
    },
    {
      header: t('people.salesOwner'),
      cell: (u) => (
        <select aria-label={t('people.salesOwnerOf', { email: u.email })} value={u.salesOwnerId ?? ''} onChange={(e) => setOwner.mutate({ userId: u.id, salesOwnerId: e.target.value || null })}>
          <option value="">—</option>
          {owners.data?.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.handle})
            </option>
          ))}
        </select>
      ),
    },
    {
      header: t('people.status'),
      cell: (u) => (
        <button type="button" className="secondary" onClick={() => setActive.mutate({ userId: u.id, active: Boolean(u.banned) })}>
          {u.banned ? t('people.reactivate') : t('people.deactivate')}
        </button>
      ),
    },
  ];
  const invited: Column<Invitation>[] = [
    { header: t('invitations.invited'), cell: (i) => i.email },
    { header: t('invitations.role'), cell: (i) => (ROLES.includes(i.role as Role) ? tr(i.role as Role) : i.role) },
    { header: t('invitations.expires'), cell: (i) => dateTime(i.expiresAt) },
    {
      header: t('invitations.state'),
      cell: (i) => (
        <>
          {t(`invitations.states.${invitationState(i)}`)}{' '}
          {invitationState(i) === 'open' && (
            <button type="button" className="secondary" onClick={() => revoke.mutate({ invitationId: i.id })}>
              {t('invitations.revoke')}
            </button>
          )}
        </>
      ),
    },
  ];

  function sendInvite(e: FormEvent) {
    e.preventDefault();
    invite.mutate(inv);
  }

  return (
    <>
      {error && (
        <p className="alert" role="alert">
          {error.message}
        </p>
      )}
      <section className="card" aria-labelledby="people-h">
        <h2 id="people-h">{t('people.title')}</h2>
        <DataTable columns={people} rows={team.data?.users} rowKey={(u) => u.id} rowProps={(u) => ({ 'data-testid': 'team-user', 'data-email': u.email })} />
      </section>
      <form className="card" onSubmit={sendInvite} aria-labelledby="invite-h">
        <h2 id="invite-h">{t('invitations.title')}</h2>
        <p className="muted">{t('invitations.intro')}</p>
        <div className="row">
          <div>
            <label htmlFor="invite-email">{t('invitations.email')}</label>
            <input id="invite-email" type="email" required value={inv.email} onChange={(e) => setInv({ ...inv, email: e.target.value })} />
          </div>
          <div>
            <label htmlFor="invite-role">{t('invitations.role')}</label>
            <select id="invite-role" value={inv.role} onChange={(e) => setInv({ ...inv, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={invite.isPending} style={{ marginTop: 18 }}>
            {t('invitations.send')}
          </button>
          {invite.isSuccess && (
            <span role="status" className="badge ok">
              {t('invitations.sent')}
            </span>
          )}
        </div>
        <DataTable style={{ marginTop: 12 }} columns={invited} rows={team.data?.invitations} rowKey={(i) => i.id} />
      </form>
      <ApiKeys />
    </>
  );
}
