'use client';
/** "My desk": open hand-offs with SLA countdowns (overdue first), hot leads assigned to me, follow-ups; admins and ops pick any desk. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { dateTime } from '@/components/dashboard/format';
import { useTRPC } from '@/lib/trpc/client';
import { HandoffCard } from './handoff-card';
import { useNow } from './use-now';
import './desk.css';

export function DeskPage() {
  const trpc = useTRPC();
  const now = useNow();
  const me = useQuery(trpc.me.get.queryOptions());
  const seesAll = me.data?.role === 'admin' || me.data?.role === 'ops';
  const overview = useQuery({ ...trpc.desk.overview.queryOptions(), enabled: seesAll });
  const [ownerId, setOwnerId] = useState<string | undefined>(undefined);
  const chosen = ownerId ?? (seesAll && !me.data?.salesOwnerId ? overview.data?.[0]?.id : undefined);
  const desk = useQuery({ ...trpc.desk.mine.queryOptions(chosen ? { ownerId: chosen } : {}), enabled: Boolean(me.data) && (!seesAll || Boolean(chosen) || Boolean(me.data?.salesOwnerId)), refetchInterval: 15_000 });

  const dueCount = desk.data?.followUps.filter((f) => f.due || (f.nextFollowUpAt !== null && new Date(f.nextFollowUpAt).getTime() <= now)).length ?? 0;

  return (
    <div className="desk">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ margin: '0 0 8px' }}>{desk.data ? `Desk · ${desk.data.owner.name}` : 'My desk'}</h1>
        {seesAll && overview.data && (
          <div>
            <label htmlFor="desk-owner">Desk of</label>
            <select id="desk-owner" value={chosen ?? ''} onChange={(e) => setOwnerId(e.target.value)} data-testid="desk-owner">
              {overview.data.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} — {o.open} open{o.overdue ? `, ${o.overdue} overdue` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {desk.error && (
        <p className="alert" role="alert">
          {desk.error.message}
        </p>
      )}
      {desk.data && (
        <>
          <section aria-labelledby="desk-open-h">
            <h2 id="desk-open-h">Open hand-offs ({desk.data.handoffs.length})</h2>
            {desk.data.handoffs.length === 0 && <p className="muted">Nothing waiting. New hot leads appear here with a 15-minute clock.</p>}
            {desk.data.handoffs.map((h) => (
              <HandoffCard key={h.id} h={h} now={now} ownerId={desk.data.owner.id} />
            ))}
          </section>
          <section aria-labelledby="desk-follow-h" className="card">
            <h2 id="desk-follow-h">Follow-ups{dueCount > 0 ? ` (${dueCount} due)` : ''}</h2>
            {desk.data.followUps.length === 0 && <p className="muted">No follow-up dates in the next 7 days.</p>}
            <ul className="desk-list">
              {desk.data.followUps.map((f) => {
                const due = f.due || (f.nextFollowUpAt !== null && new Date(f.nextFollowUpAt).getTime() <= now);
                return (
                  <li key={f.id} className={due ? 'due' : undefined} data-testid="follow-up">
                    {due && <span className="badge hot">Due</span>} <Link href={`/leads/${f.id}`}>{f.name}</Link> — {dateTime(f.nextFollowUpAt)}
                    {f.remindedAt && <span className="muted"> · reminder mailed</span>}
                    {f.notes && <div className="muted">{f.notes}</div>}
                  </li>
                );
              })}
            </ul>
          </section>
          <section aria-labelledby="desk-hot-h" className="card">
            <h2 id="desk-hot-h">Hot leads assigned to {desk.data.owner.name}</h2>
            {desk.data.hot.length === 0 && <p className="muted">None without an open hand-off.</p>}
            <ul className="desk-list">
              {desk.data.hot.map((l) => (
                <li key={l.id}>
                  <Link href={`/leads/${l.id}`}>{l.name}</Link> · {l.company ?? '—'} · score {l.score} · {l.lifecycle}
                </li>
              ))}
            </ul>
            <Link href={`/leads?owner=${encodeURIComponent(desk.data.owner.handle)}`}>All leads of {desk.data.owner.name}</Link>
          </section>
        </>
      )}
    </div>
  );
}
