'use client';
/** One lead's page: contact, score and why, hand-offs, runs, emails and the merged timeline, polled so the workflow is seen moving. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { stageClass } from '@/components/dashboard/format';
import { isStage } from '@/components/dashboard/labels';
import { useFormat } from '@/components/ui/use-format';
import { displayName } from '@/lib/people/names';
import { useTRPC } from '@/lib/trpc/client';
import { LeadEmails } from './lead-emails';
import { LeadHandoffs } from './lead-handoffs';
import { LeadRuns } from './lead-runs';
import { LeadTimeline } from './lead-timeline';
import { ScoreWhy } from './score-why';
import './lead.css';

const POLL_MS = 3_000;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="muted" style={{ fontSize: 12 }}>
        {label}
      </dt>
      <dd style={{ margin: 0 }}>{children ?? '—'}</dd>
    </div>
  );
}

export function LeadView({ id, acknowledged }: { id: string; acknowledged?: string }) {
  const trpc = useTRPC();
  const t = useTranslations('lead');
  const tc = useTranslations('common');
  const tls = useTranslations('leads');
  const ts = useTranslations('stages');
  const tl = useTranslations('lifecycle');
  const { dateTime } = useFormat();
  const details = useQuery(trpc.leads.byId.queryOptions({ id }, { refetchInterval: POLL_MS, retry: false }));
  const steps = useQuery(trpc.dashboard.leadSteps.queryOptions({ leadId: id }, { refetchInterval: POLL_MS }));

  if (details.isPending) return <p className="muted">{tc('loading')}</p>;
  if (details.error) return <p className="alert" role="alert">{details.error.data?.code === 'NOT_FOUND' ? t('notFound') : details.error.message}</p>;
  const d = details.data;
  const { lead } = d;
  const name = displayName(lead) || lead.email;
  const ackedHandoff = acknowledged ? d.handoffs.find((h) => h.id === acknowledged) : undefined;

  return (
    <div className="lead-page">
      {acknowledged && (
        <div className="card" role="status" data-testid="ack-banner" style={{ borderColor: 'var(--ok)', background: '#f0fdf4' }}>
          {t('acked', { at: ackedHandoff?.acknowledgedAt ? dateTime(ackedHandoff.acknowledgedAt) : 'none' })}
        </div>
      )}
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ margin: 0 }}>{name}</h1>
        <div className="row">
          <span style={{ fontSize: 28, fontWeight: 700 }} data-testid="lead-score" aria-label={t('scoreLabel', { score: lead.score })}>
            {lead.score}
          </span>
          <span className={stageClass(lead.stage)} data-testid="lead-stage" data-stage={lead.stage}>
            {isStage(lead.stage) ? ts(lead.stage) : lead.stage}
          </span>
          {lead.isHot && (
            <span className="badge hot" data-testid="lead-hot">
              {tls('hotLead')}
            </span>
          )}
          <span className="badge" data-testid="lead-lifecycle">
            {tl(lead.lifecycle)}
          </span>
          {lead.archivedAt && <span className="badge">{t('archived')}</span>}
        </div>
      </div>
      <p className="muted" style={{ fontSize: 12 }}>
        {t('refreshes', { seconds: POLL_MS / 1000 })}
        {details.isFetching ? ` ${tls('updating')}` : ''}
      </p>
      <div className="grid">
        <section className="card" aria-labelledby="contact-h">
          <h2 id="contact-h">{t('contact')}</h2>
          <dl className="lead-contact">
            <Field label={t('field.email')}>{lead.email}</Field>
            <Field label={t('field.phone')}>{lead.phone}</Field>
            <Field label={t('field.company')}>{lead.company}</Field>
            <Field label={t('field.jobTitle')}>{lead.jobTitle}</Field>
            <Field label={t('field.companySize')}>{lead.companySize}</Field>
            <Field label={t('field.source')}>{lead.source}</Field>
            <Field label={t('field.owner')}>{d.owner ? `${d.owner.name} (@${d.owner.handle})` : null}</Field>
            <Field label={t('field.lastAction')}>{lead.lastAction}</Field>
            <Field label={t('field.nextFollowUp')}>{lead.nextFollowUpAt ? dateTime(lead.nextFollowUpAt) : null}</Field>
            <Field label={t('field.unsubscribed')}>{lead.unsubscribedAt ? dateTime(lead.unsubscribedAt) : t('no')}</Field>
            <Field label={t('field.created')}>{dateTime(lead.createdAt)}</Field>
            <Field label={t('field.tags')}>{lead.tags.length ? lead.tags.join(', ') : null}</Field>
          </dl>
          {lead.notes && <p style={{ whiteSpace: 'pre-wrap' }}>{lead.notes}</p>}
        </section>
        <ScoreWhy score={lead.score} changes={d.scoreChanges} />
        <section className="card" aria-labelledby="touch-h">
          <h2 id="touch-h">{t('touchpoints')}</h2>
          {d.touchpoints.length === 0 && <p className="muted">{t('noTouchpoints')}</p>}
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {d.touchpoints.map((tp) => (
              <li key={tp.id}>
                <strong>{tp.source}</strong>{' '}
                <span className="muted">
                  {[tp.utmSource && `utm_source=${tp.utmSource}`, tp.utmMedium && `utm_medium=${tp.utmMedium}`, tp.utmCampaign && `utm_campaign=${tp.utmCampaign}`, tp.utmTerm && `utm_term=${tp.utmTerm}`, tp.utmContent && `utm_content=${tp.utmContent}`]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <div className="muted" style={{ fontSize: 12 }}>
                  {tp.firstVisit ? t('firstVisit', { at: dateTime(tp.firstVisit) }) : ''}
                  {t('captured', { at: dateTime(tp.createdAt) })}
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <LeadHandoffs leadId={id} handoffs={d.handoffs} />
      <LeadRuns runs={d.runs} />
      <LeadTimeline events={d.events} steps={steps.data ?? []} emails={d.emails} runs={d.runs} />
      <LeadEmails emails={d.emails} />
    </div>
  );
}
