'use client';
/** A lead's hand-offs to sales: open ones can be acknowledged here, acknowledged ones show how long sales took. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { dateTime, duration, type Outputs } from '@/components/dashboard/format';
import { useTRPC } from '@/lib/trpc/client';

type Handoff = Outputs['leads']['byId']['handoffs'][number];

const CHANNEL: Record<string, string> = { email: 'Email', slack: 'Slack', crm: 'CRM' };
const clock = (at: string) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** A channel that gave up, e.g. "Slack: rejected 403 at 10:42 (reminder)"; the SLA went on without it. */
function ChannelFailures({ h }: { h: Handoff }) {
  const failed = (h.channelLog ?? []).filter((e) => e.status === 'failed');
  if (failed.length === 0) return null;
  return (
    <ul style={{ fontSize: 12, margin: '4px 0 0', paddingLeft: 16 }} data-testid={`handoff-channel-failures-${h.id}`}>
      {failed.map((e) => (
        <li key={`${e.kind}-${e.channel}-${e.at}`} style={{ color: 'var(--hot)' }}>
          {CHANNEL[e.channel] ?? e.channel}: {e.detail ?? 'failed'} at {clock(e.at)}
          {e.kind !== 'assigned' && ` (${e.kind})`}
        </li>
      ))}
    </ul>
  );
}

export function LeadHandoffs({ leadId, handoffs }: { leadId: string; handoffs: Handoff[] }) {
  const trpc = useTRPC();
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
      <h2 id="handoffs-h">Hand-offs to sales</h2>
      {ack.error && <p className="alert" role="alert">Could not acknowledge: {ack.error.message}</p>}
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">Owner</th>
            <th scope="col">Reason</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col">Hand-off time</th>
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
                <td data-label="Owner">
                  {h.ownerName} <span className="muted">@{h.ownerHandle}</span>
                </td>
                <td data-label="Reason">{h.reason}</td>
                <td data-label="Created">{dateTime(h.createdAt)}</td>
                <td data-label="Status">
                  <span className={open ? (late ? 'badge hot' : 'badge warm') : 'badge ok'}>{h.status}</span>
                  {h.remindersSent > 0 && <div className="muted" style={{ fontSize: 12 }}>{h.remindersSent} reminder(s) sent</div>}
                  {h.escalatedAt && <div className="muted" style={{ fontSize: 12 }}>escalated {dateTime(h.escalatedAt)}</div>}
                  <ChannelFailures h={h} />
                  <div style={{ fontSize: 12 }}>
                    <a href={h.temporalUrl} target="_blank" rel="noreferrer" data-testid={`handoff-temporal-link-${h.id}`}>
                      SLA workflow in Temporal ↗
                    </a>
                  </div>
                </td>
                <td data-label="Hand-off time" data-testid={`handoff-time-${h.id}`}>
                  {open ? <span className={late ? 'badge hot' : 'muted'}>waiting {duration(waitedMs)}{late ? ` (SLA ${h.slaMinutes} min)` : ''}</span> : duration(waitedMs)}
                </td>
                <td>
                  {open && (
                    <button data-testid={`ack-${h.id}`} onClick={() => ack.mutate({ handoffId: h.id })} disabled={ack.isPending}>
                      Acknowledge
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
