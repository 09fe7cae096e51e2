'use client';
/** The lead's emails with each one's status history, and when a send was held back, until when. */
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { Outputs } from '@/components/dashboard/format';
import { useFormat } from '@/components/ui/use-format';
import { useStatus } from '@/components/ui/use-status';

type Email = Outputs['leads']['byId']['emails'][number];

const statusClass = (s: string) => (s === 'bounced' || s === 'complained' || s === 'failed' ? 'badge hot' : s === 'opened' || s === 'clicked' ? 'badge ok' : 'badge');

export function LeadEmails({ emails }: { emails: Email[] }) {
  const t = useTranslations('lead.emails');
  const { dateTime } = useFormat();
  const status = useStatus();
  return (
    <section className="card" aria-labelledby="lead-emails-h" data-testid="lead-emails">
      <h2 id="lead-emails-h">{t('title')}</h2>
      {emails.length === 0 && <p className="muted">{t('none')}</p>}
      {emails.map((m) => (
        <article key={m.id} data-testid={`lead-email-${m.id}`} style={{ borderTop: '1px solid var(--line)', padding: '8px 0' }}>
          <div className="row">
            <strong>{m.subject}</strong>
            <span className={statusClass(m.status)}>{status('email', m.status)}</span>
            <span className="muted">
              {m.template}
              {m.variant ? t('variant', { variant: m.variant }) : ''}
            </span>
            <Link href={`/emails?message=${m.id}`}>{t('view')}</Link>
          </div>
          {m.deferredUntil && (
            <p className="badge warm" data-testid="email-deferred" style={{ margin: '6px 0' }}>
              {t('deferred', { at: dateTime(m.deferredUntil) })}
            </p>
          )}
          {m.error && <p style={{ color: 'var(--hot)', margin: '4px 0' }}>{m.error}</p>}
          <ol className="muted" style={{ fontSize: 12, margin: '4px 0 0', paddingLeft: 18 }}>
            {m.statusHistory.map((h, i) => (
              <li key={i}>
                {status('email', h.status)} · {dateTime(h.at)}
                {h.detail ? ` · ${h.detail}` : ''}
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
