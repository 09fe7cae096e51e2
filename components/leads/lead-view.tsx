'use client';
/** One lead's page: contact, score and why, hand-offs, runs, emails and the merged timeline, polled so the workflow is seen moving. */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { dateTime, stageClass } from '@/components/dashboard/format';
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
  const details = useQuery(trpc.leads.byId.queryOptions({ id }, { refetchInterval: POLL_MS, retry: false }));
  const steps = useQuery(trpc.dashboard.leadSteps.queryOptions({ leadId: id }, { refetchInterval: POLL_MS }));

  if (details.isPending) return <p className="muted">Loading…</p>;
  if (details.error) return <p className="alert" role="alert">{details.error.data?.code === 'NOT_FOUND' ? 'No lead with this id.' : details.error.message}</p>;
  const d = details.data;
  const { lead } = d;
  const name = displayName(lead) || lead.email;
  const ackedHandoff = acknowledged ? d.handoffs.find((h) => h.id === acknowledged) : undefined;

  return (
    <div className="lead-page">
      {acknowledged && (
        <div className="card" role="status" data-testid="ack-banner" style={{ borderColor: 'var(--ok)', background: '#f0fdf4' }}>
          Hand-off acknowledged{ackedHandoff?.acknowledgedAt ? ` at ${dateTime(ackedHandoff.acknowledgedAt)}` : ''}. Thanks — the SLA clock has stopped and no reminder will be sent.
        </div>
      )}
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ margin: 0 }}>{name}</h1>
        <div className="row">
          <span style={{ fontSize: 28, fontWeight: 700 }} data-testid="lead-score" aria-label={`Score ${lead.score}`}>
            {lead.score}
          </span>
          <span className={stageClass(lead.stage)} data-testid="lead-stage">
            {lead.stage}
          </span>
          {lead.isHot && (
            <span className="badge hot" data-testid="lead-hot">
              hot lead
            </span>
          )}
          <span className="badge" data-testid="lead-lifecycle">
            {lead.lifecycle.toUpperCase()}
          </span>
          {lead.archivedAt && <span className="badge">archived</span>}
        </div>
      </div>
      <p className="muted" style={{ fontSize: 12 }}>
        Refreshes every {POLL_MS / 1000} s{details.isFetching ? ' · updating…' : ''}
      </p>
      <div className="grid">
        <section className="card" aria-labelledby="contact-h">
          <h2 id="contact-h">Contact</h2>
          <dl className="lead-contact">
            <Field label="Email">{lead.email}</Field>
            <Field label="Phone">{lead.phone}</Field>
            <Field label="Company">{lead.company}</Field>
            <Field label="Job title">{lead.jobTitle}</Field>
            <Field label="Company size">{lead.companySize}</Field>
            <Field label="Source">{lead.source}</Field>
            <Field label="Owner">{d.owner ? `${d.owner.name} (@${d.owner.handle})` : null}</Field>
            <Field label="Last action">{lead.lastAction}</Field>
            <Field label="Next follow-up">{lead.nextFollowUpAt ? dateTime(lead.nextFollowUpAt) : null}</Field>
            <Field label="Unsubscribed">{lead.unsubscribedAt ? dateTime(lead.unsubscribedAt) : 'no'}</Field>
            <Field label="Created">{dateTime(lead.createdAt)}</Field>
            <Field label="Tags">{lead.tags.length ? lead.tags.join(', ') : null}</Field>
          </dl>
          {lead.notes && <p style={{ whiteSpace: 'pre-wrap' }}>{lead.notes}</p>}
        </section>
        <ScoreWhy score={lead.score} changes={d.scoreChanges} />
        <section className="card" aria-labelledby="touch-h">
          <h2 id="touch-h">Touchpoints</h2>
          {d.touchpoints.length === 0 && <p className="muted">None recorded.</p>}
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {d.touchpoints.map((t) => (
              <li key={t.id}>
                <strong>{t.source}</strong>{' '}
                <span className="muted">
                  {[t.utmSource && `utm_source=${t.utmSource}`, t.utmMedium && `utm_medium=${t.utmMedium}`, t.utmCampaign && `utm_campaign=${t.utmCampaign}`, t.utmTerm && `utm_term=${t.utmTerm}`, t.utmContent && `utm_content=${t.utmContent}`]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <div className="muted" style={{ fontSize: 12 }}>
                  {t.firstVisit ? `first visit ${dateTime(t.firstVisit)} · ` : ''}captured {dateTime(t.createdAt)}
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
