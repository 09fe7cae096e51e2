'use client';
/** The Team page (admins): people and roles, invitations, sales-owner links, deactivation. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc/client';
import { ApiKeys } from './api-keys';

const ROLES = ['admin', 'marketer', 'sales', 'ops'] as const;
type Role = (typeof ROLES)[number];
type Member = Outputs['users']['list']['users'][number];
type Invitation = Outputs['users']['list']['invitations'][number];

const invitationState = (i: Invitation) => (i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : new Date(i.expiresAt) < new Date() ? 'expired' : 'open');

export function TeamPage() {
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
    { header: 'Name', cell: (u) => u.name },
    { header: 'Email', cell: (u) => u.email },
    {
      header: 'Role',
      cell: (u) => (
        <select aria-label={`Role of ${u.email}`} value={u.role} onChange={(e) => setRole.mutate({ userId: u.id, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      ),
    },
    {
      header: 'Sales owner (desk)',
      cell: (u) => (
        <select aria-label={`Sales owner of ${u.email}`} value={u.salesOwnerId ?? ''} onChange={(e) => setOwner.mutate({ userId: u.id, salesOwnerId: e.target.value || null })}>
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
      header: 'Status',
      cell: (u) => (
        <button type="button" className="secondary" onClick={() => setActive.mutate({ userId: u.id, active: Boolean(u.banned) })}>
          {u.banned ? 'Reactivate' : 'Deactivate'}
        </button>
      ),
    },
  ];
  const invited: Column<Invitation>[] = [
    { header: 'Invited', cell: (i) => i.email },
    { header: 'Role', cell: (i) => i.role },
    { header: 'Expires', cell: (i) => dateTime(i.expiresAt) },
    {
      header: 'State',
      cell: (i) => (
        <>
          {invitationState(i)}{' '}
          {invitationState(i) === 'open' && (
            <button type="button" className="secondary" onClick={() => revoke.mutate({ invitationId: i.id })}>
              Revoke
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
        <h2 id="people-h">People</h2>
        <DataTable columns={people} rows={team.data?.users} rowKey={(u) => u.id} rowProps={(u) => ({ 'data-testid': 'team-user', 'data-email': u.email })} />
      </section>
      <form className="card" onSubmit={sendInvite} aria-labelledby="invite-h">
        <h2 id="invite-h">Invite a teammate</h2>
        <p className="muted">They get an email with a link that works once and expires in 7 days.</p>
        <div className="row">
          <div>
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" type="email" required value={inv.email} onChange={(e) => setInv({ ...inv, email: e.target.value })} />
          </div>
          <div>
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={inv.role} onChange={(e) => setInv({ ...inv, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={invite.isPending} style={{ marginTop: 18 }}>
            Send invitation
          </button>
          {invite.isSuccess && (
            <span role="status" className="badge ok">
              Invitation sent
            </span>
          )}
        </div>
        <DataTable style={{ marginTop: 12 }} columns={invited} rows={team.data?.invitations} rowKey={(i) => i.id} />
      </form>
      <ApiKeys />
    </>
  );
}
