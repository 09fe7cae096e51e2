'use client';
/** One message as its recipient saw it, with its delivery history. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';
import { EmailFrame } from './email-frame';
import { useEmailStatus } from './outbox';

const SOURCE_NOTE = { sent: 'sent', 're-rendered': 'reRendered', unavailable: 'unavailable', 'link-removed': 'linkRemoved' } as const;

export function MessageView({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useTranslations('outbox.message');
  const { dateTime } = useFormat();
  const statusName = useEmailStatus();
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery(trpc.emails.message.queryOptions({ id }));
  return (
    <section className="card" aria-labelledby="message-h" data-testid="message-view">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="message-h" style={{ margin: 0 }}>
          {data?.message.subject ?? t('title')}
        </h2>
        <button className="secondary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {isPending && <p className="muted">{t('loading')}</p>}
      {error && <p className="alert" role="alert">{error.message}</p>}
      {data && (
        <>
          <p className="muted" style={{ fontSize: 13 }}>
            {t('to', { to: data.message.toEmail })} · {data.message.template}
            {data.message.variant ? ` · ${t('variant', { variant: data.message.variant })}` : ''} · {statusName(data.message.status)} · {t('sentAt', { at: dateTime(data.message.sentAt) })}
            {data.message.deferredUntil ? ` · ${t('deferredUntil', { at: dateTime(data.message.deferredUntil) })}` : ''}
          </p>
          {data.message.error && <p className="alert">{data.message.error}</p>}
          <p className="muted" style={{ fontSize: 12 }}>
            {t(`source.${SOURCE_NOTE[data.body.source]}`)}
          </p>
          {data.body.html ? (
            <EmailFrame html={data.body.html} title={t('frameTitle', { subject: data.message.subject })} />
          ) : data.body.text ? (
            <pre style={{ whiteSpace: 'pre-wrap' }}>{data.body.text}</pre>
          ) : null}
          <details>
            <summary>{t('history')}</summary>
            <ol style={{ fontSize: 13 }}>
              {data.message.statusHistory.map((h, i) => (
                <li key={i}>
                  {statusName(h.status)} · {dateTime(h.at)}
                  {h.detail ? ` · ${h.detail}` : ''}
                </li>
              ))}
            </ol>
          </details>
        </>
      )}
    </section>
  );
}
