'use client';
/** A lead's hand-offs to sales: open ones can be acknowledged here, acknowledged ones show how long sales took. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Outputs } from '@/components/dashboard/format';
import { useFormat } from '@/components/ui/use-format';
import { useServerText } from '@/components/ui/use-server-text';
import { useStatus } from '@/components/ui/use-status';
import { handoffReasonText } from '@/lib/handoff-reason';
import { useTRPC } from '@/lib/trpc/client';

type Handoff = Outputs['leads']['byId']['handoffs'][number];

const CHANNEL: Record<string, string> = { email: 'Email', slack: 'Slack', crm: 'CRM' };

/** A channel that gave up, e.g. "Slack: rejected 403 at 10:42 (reminder)"; the SLA went on without it. */
function ChannelFailures({ h }: { h: Handoff }) {
  const t = useTranslations('lead.handoffs');
  const { time } = useFormat();
  const failed = (h.channelLog ?? []).filter((e) => e.status === 'failed');
  if (failed.length === 0) return null;
  return (
    <ul style={{ fontSize: 12, margin: '4px 0 0', paddingLeft: 16 }} data-testid={`handoff-channel-failures-${h.id}`}>
      {failed.map((e) => (
        <li key={`${e.kind}-${e.channel}-${e.at}`} style={{ color: 'var(--hot)' }}>
          {t('failedAt', { channel: CHANNEL[e.channel] ?? e.channel, detail: e.detail ?? t('failed'), time: time(e.at) })}
          {e.kind !== 'assigned' && ` (${e.kind})`}
        </li>
      ))}
    </ul>
  );
}

export function LeadHandoffs({ leadId, handoffs }: { leadId: string; handoffs: Handoff[] }) {
  const trpc = useTRPC();
  const t = useTranslations('lead.handoffs');
  const say = useServerText();
  const { dateTime, duration } = useFormat();
  const status = useStatus();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ack = useMutation(
    trpc.leads.acknowledgeHandoff.mutationOptions({
      onSuccess: async (_data, vars) => {
        await queryClient.invalidateQueries({ queryKey: trpc.leads.byId.queryKey() });
        // Same banner as the notification's link, so both paths confirm the same way.
        router.replace(`/leads/${leadId}?acknowledged=${vars.handoffId}`, { scroll: false });
      },
    }),
  );
  if (handoffs.length === 0) return null;
  return (
    <section className="card" aria-labelledby="handoffs-h" data-testid="handoffs">
      <h2 id="handoffs-h">{t('title')}</h2>
      {ack.error && <p className="alert" role="alert">{t('ackFailed', { message: ack.error.message })}</p>}
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">{t('owner')}</th>
            <th scope="col">{t('reason')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('time')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {handoffs.map((h) => {
            const open = !h.acknowledgedAt;
            const waitedMs = (h.acknowledgedAt ? new Date(h.acknowledgedAt).getTime() : Date.now()) - new Date(h.createdAt).getTime();
            const late = open && waitedMs > h.slaMinutes * 60_000;
            return (
              <tr key={h.id} data-testid={`handoff-${h.id}`}>
                <td data-label={t('owner')}>
                  {h.ownerName} <span className="muted">@{h.ownerHandle}</span>
                </td>
                <td data-label={t('reason')}>{say(handoffReasonText(h.reason), h.reason)}</td>
                <td data-label={t('created')}>{dateTime(h.createdAt)}</td>
                <td data-label={t('status')}>
                  <span className={open ? (late ? 'badge hot' : 'badge warm') : 'badge ok'}>{status('handoff', h.status)}</span>
                  {h.remindersSent > 0 && <div className="muted" style={{ fontSize: 12 }}>{t('reminders', { count: h.remindersSent })}</div>}
                  {h.escalatedAt && <div className="muted" style={{ fontSize: 12 }}>{t('escalated', { at: dateTime(h.escalatedAt) })}</div>}
                  <ChannelFailures h={h} />
                  <div style={{ fontSize: 12 }}>
                    <a href={h.temporalUrl} target="_blank" rel="noreferrer" data-testid={`handoff-temporal-link-${h.id}`}>
                      {t('slaWorkflow')}
                    </a>
                  </div>
                </td>
                <td data-label={t('time')} data-testid={`handoff-time-${h.id}`}>
                  {open ? <span className={late ? 'badge hot' : 'muted'}>{t('waiting', { duration: duration(waitedMs) })}
                      {late ? t('sla', { minutes: h.slaMinutes }) : ''}</span> : duration(waitedMs)}
                </td>
                <td>
                  {open && (
                    <button data-testid={`ack-${h.id}`} onClick={() => ack.mutate({ handoffId: h.id })} disabled={ack.isPending}>
                      {t('acknowledge')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
