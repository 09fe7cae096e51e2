'use client';
/** "My desk": open hand-offs with SLA countdowns (overdue first), hot leads assigned to me, follow-ups; admins and ops pick any desk. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';
import { HandoffCard } from './handoff-card';
import { useNow } from './use-now';
import './desk.css';

export function DeskPage() {
  const trpc = useTRPC();
  const t = useTranslations('desk');
  const tl = useTranslations('lifecycle');
  const f = useFormat();
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
        <h1 style={{ margin: '0 0 8px' }}>{desk.data ? t('deskOf', { name: desk.data.owner.name }) : t('title')}</h1>
        {seesAll && overview.data && (
          <div>
            <label htmlFor="desk-owner">{t('pickDesk')}</label>
            <select id="desk-owner" value={chosen ?? ''} onChange={(e) => setOwnerId(e.target.value)} data-testid="desk-owner">
              {overview.data.map((o) => (
                <option key={o.id} value={o.id}>
                  {t('ownerOption', { name: o.name, open: o.open, overdue: o.overdue })}
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
            <h2 id="desk-open-h">{t('openHandoffs', { count: desk.data.handoffs.length })}</h2>
            {desk.data.handoffs.length === 0 && <p className="muted">{t('nothingWaiting')}</p>}
            {desk.data.handoffs.map((h) => (
              <HandoffCard key={h.id} h={h} now={now} ownerId={desk.data.owner.id} />
            ))}
          </section>
          <section aria-labelledby="desk-follow-h" className="card">
            <h2 id="desk-follow-h">{t('followUps', { due: dueCount })}</h2>
            {desk.data.followUps.length === 0 && <p className="muted">{t('noFollowUps')}</p>}
            <ul className="desk-list">
              {desk.data.followUps.map((fu) => {
                const due = fu.due || (fu.nextFollowUpAt !== null && new Date(fu.nextFollowUpAt).getTime() <= now);
                return (
                  <li key={fu.id} className={due ? 'due' : undefined} data-testid="follow-up">
                    {due && <span className="badge hot">{t('due')}</span>} <Link href={`/leads/${fu.id}`}>{fu.name}</Link> — {f.dateTime(fu.nextFollowUpAt)}
                    {fu.remindedAt && <span className="muted"> · {t('reminderMailed')}</span>}
                    {fu.notes && <div className="muted">{fu.notes}</div>}
                  </li>
                );
              })}
            </ul>
          </section>
          <section aria-labelledby="desk-hot-h" className="card">
            <h2 id="desk-hot-h">{t('hotLeads', { name: desk.data.owner.name })}</h2>
            {desk.data.hot.length === 0 && <p className="muted">{t('noHot')}</p>}
            <ul className="desk-list">
              {desk.data.hot.map((l) => (
                <li key={l.id}>
                  <Link href={`/leads/${l.id}`}>{l.name}</Link> · {l.company ?? '—'} · {t('score', { score: f.number(l.score) })} · {tl(l.lifecycle)}
                </li>
              ))}
            </ul>
            <Link href={`/leads?owner=${encodeURIComponent(desk.data.owner.handle)}`}>{t('allLeadsOf', { name: desk.data.owner.name })}</Link>
          </section>
        </>
      )}
    </div>
  );
}
