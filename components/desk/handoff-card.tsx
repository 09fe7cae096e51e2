'use client';
/** One open hand-off on the desk: who, why, the SLA countdown, acknowledge, the outcome of the call, reassignment. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { useServerText } from '@/components/ui/use-server-text';
import { handoffReasonText } from '@/lib/handoff-reason';
import { useTRPC } from '@/lib/trpc/client';
import { countdown } from './use-now';

type Handoff = Outputs['desk']['mine']['handoffs'][number];

export const OUTCOMES = ['reached', 'no_answer', 'qualified', 'won', 'disqualified'] as const;
type OutcomeKey = (typeof OUTCOMES)[number];
const isOutcome = (v: string | null): v is OutcomeKey => (OUTCOMES as readonly (string | null)[]).includes(v);

export function HandoffCard({ h, now, ownerId }: { h: Handoff; now: number; ownerId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('desk.card');
  const say = useServerText();
  const to_ = useTranslations('desk.outcome');
  const tl = useTranslations('lifecycle');
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.desk.mine.queryKey() });
  const ack = useMutation(trpc.desk.acknowledge.mutationOptions({ onSuccess: refresh }));
  const outcome = useMutation(trpc.desk.recordOutcome.mutationOptions({ onSuccess: refresh }));
  const reassign = useMutation(trpc.desk.reassign.mutationOptions({ onSuccess: refresh }));
  const owners = useQuery(trpc.settings.owners.queryOptions());
  const [form, setForm] = useState<{ outcome: OutcomeKey | ''; reason: string; note: string; followUp: string }>({ outcome: '', reason: '', note: '', followUp: '' });
  const [to, setTo] = useState('');
  const due = countdown(h.dueAt, now);
  const label = (o: string | null) => (isOutcome(o) ? to_(o) : o);
  const name = h.name;

  function record(e: FormEvent) {
    e.preventDefault();
    if (!form.outcome) return;
    outcome.mutate({
      handoffId: h.id,
      outcome: form.outcome,
      reason: form.reason || undefined,
      note: form.note || undefined,
      nextFollowUpAt: form.followUp ? new Date(form.followUp) : undefined,
    });
  }

  const error = ack.error ?? outcome.error ?? reassign.error;
  return (
    <article className="card desk-card" data-testid="desk-handoff" data-lead-id={h.leadId} aria-label={t('label', { name })}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <Link href={`/leads/${h.leadId}`}>
          <strong>{name}</strong>
        </Link>
        {h.acknowledgedAt ? (
          <span className="badge ok">{t('acknowledged')}</span>
        ) : (
          <span className={due.overdue ? 'badge hot' : 'badge warm'} data-testid="sla-countdown" role="timer">
            {due.overdue ? t('overdue', { clock: due.clock }) : t('dueIn', { clock: due.clock })}
          </span>
        )}
      </div>
      <p className="muted" style={{ margin: '6px 0' }}>
        {h.company ?? '—'} · {t('score', { score: h.score })} · {tl(h.lifecycle)}
        {h.phone && (
          <>
            {' · '}
            <a href={`tel:${h.phone}`}>{h.phone}</a>
          </>
        )}
      </p>
      <p style={{ margin: '6px 0' }}>{say(handoffReasonText(h.reason), h.reason)}</p>
      {h.outcome && <p className="muted">{t('lastOutcome', { outcome: label(h.outcome) ?? '' })}</p>}
      {!h.acknowledgedAt && (
        <button type="button" onClick={() => ack.mutate({ handoffId: h.id })} disabled={ack.isPending} data-testid="desk-acknowledge">
          {t('acknowledge')}
        </button>
      )}
      <form onSubmit={record} className="desk-outcome" aria-label={t('recordLabel')}>
        <label htmlFor={`outcome-${h.id}`}>{t('outcomeLabel')}</label>
        <select id={`outcome-${h.id}`} value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value as OutcomeKey })} data-testid="desk-outcome">
          <option value="">{t('choose')}</option>
          {OUTCOMES.map((k) => (
            <option key={k} value={k}>
              {to_(k)}
            </option>
          ))}
        </select>
        {form.outcome === 'disqualified' && (
          <>
            <label htmlFor={`reason-${h.id}`}>{t('reason')}</label>
            <input id={`reason-${h.id}`} required value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
          </>
        )}
        <label htmlFor={`note-${h.id}`}>{t('note')}</label>
        <textarea id={`note-${h.id}`} rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
        <label htmlFor={`follow-${h.id}`}>{t('nextFollowUp')}</label>
        <input id={`follow-${h.id}`} type="datetime-local" value={form.followUp} onChange={(e) => setForm({ ...form, followUp: e.target.value })} />
        <button type="submit" disabled={!form.outcome || outcome.isPending} data-testid="desk-record">
          {t('record')}
        </button>
        {outcome.isSuccess && (
          <span role="status" className="badge ok">
            {t('recorded')}
          </span>
        )}
      </form>
      <div className="row desk-reassign">
        <label htmlFor={`reassign-${h.id}`} style={{ margin: 0 }}>
          {t('reassignTo')}
        </label>
        <select id={`reassign-${h.id}`} value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('teammate')}</option>
          {owners.data
            ?.filter((o) => o.active && o.id !== ownerId)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.handle})
              </option>
            ))}
        </select>
        <button type="button" className="secondary" disabled={!to || reassign.isPending} onClick={() => reassign.mutate({ handoffId: h.id, ownerId: to })}>
          {t('reassign')}
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error.message}
        </p>
      )}
    </article>
  );
}
