'use client';
/** One message as its recipient saw it, with its delivery history. */
import { useQuery } from '@tanstack/react-query';
import { dateTime } from '@/components/dashboard/format';
import { useTRPC } from '@/lib/trpc/client';
import { EmailFrame } from './email-frame';

const SOURCE_NOTE = {
  sent: 'Exactly as sent (from the mail sink).',
  're-rendered': 'The sent copy is not stored by the provider: this is the template rendered for the same lead now, and may differ from what was sent.',
  unavailable: 'The content of this message is not available.',
  'link-removed': 'As sent, except the sign-in, reset or invitation link: only the recipient’s copy has it.',
} as const;

export function MessageView({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery(trpc.emails.message.queryOptions({ id }));
  return (
    <section className="card" aria-labelledby="message-h" data-testid="message-view">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="message-h" style={{ margin: 0 }}>
          {data?.message.subject ?? 'Message'}
        </h2>
        <button className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {isPending && <p className="muted">Loading…</p>}
      {error && <p className="alert" role="alert">{error.message}</p>}
      {data && (
        <>
          <p className="muted" style={{ fontSize: 13 }}>
            To {data.message.toEmail} · {data.message.template}
            {data.message.variant ? ` · variant ${data.message.variant}` : ''} · {data.message.status} · sent {dateTime(data.message.sentAt)}
            {data.message.deferredUntil ? ` · deferred until ${dateTime(data.message.deferredUntil)}` : ''}
          </p>
          {data.message.error && <p className="alert">{data.message.error}</p>}
          <p className="muted" style={{ fontSize: 12 }}>
            {SOURCE_NOTE[data.body.source]}
          </p>
          {data.body.html ? (
            <EmailFrame html={data.body.html} title={`Email: ${data.message.subject}`} />
          ) : data.body.text ? (
            <pre style={{ whiteSpace: 'pre-wrap' }}>{data.body.text}</pre>
          ) : null}
          <details>
            <summary>Status history</summary>
            <ol style={{ fontSize: 13 }}>
              {data.message.statusHistory.map((h, i) => (
                <li key={i}>
                  {h.status} · {dateTime(h.at)}
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
