/** One timeline, newest first: lead events, the journey steps they caused, and the emails sent, interleaved by time. */
import { dateTime, type Outputs } from '@/components/dashboard/format';

type Details = Outputs['leads']['byId'];
type Step = Outputs['dashboard']['leadSteps'][number];

interface Item {
  key: string;
  at: Date;
  kind: 'event' | 'step' | 'email';
  title: string;
  detail?: string;
}

function summarize(detail: Record<string, unknown>): string | undefined {
  const parts = Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length ? parts.join(' · ') : undefined;
}

export function mergeTimeline(events: Details['events'], steps: Step[], emails: Details['emails']): Item[] {
  const items: Item[] = [
    ...events.map((e) => ({
      key: `e${e.seq}`,
      at: new Date(e.occurredAt),
      kind: 'event' as const,
      title: e.type,
      detail: `${e.points > 0 ? `+${e.points}` : e.points} points → score ${e.scoreAfter}`,
    })),
    ...steps.map((s) => ({ key: `s${s.id}`, at: new Date(s.at), kind: 'step' as const, title: `${s.kind} · ${s.nodeId}`, detail: summarize(s.detail) })),
    ...emails.map((m) => ({
      key: `m${m.id}`,
      at: new Date(m.sentAt ?? m.createdAt),
      kind: 'email' as const,
      title: `${m.template}${m.variant ? ` (${m.variant})` : ''}: “${m.subject}”`,
      detail: m.status,
    })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime());
}

const KIND_LABEL = { event: 'Event', step: 'Journey', email: 'Email' } as const;
const KIND_CLASS = { event: 'badge', step: 'badge ok', email: 'badge warm' } as const;

export function LeadTimeline({ events, steps, emails }: { events: Details['events']; steps: Step[]; emails: Details['emails'] }) {
  const items = mergeTimeline(events, steps, emails);
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      {items.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      <ol data-testid="timeline" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((i) => (
          <li key={i.key} data-kind={i.kind} style={{ display: 'grid', gridTemplateColumns: '170px 80px 1fr', gap: 8, padding: '6px 0', borderBottom: '1px solid var(--line)', fontSize: 14 }}>
            <time className="muted" dateTime={i.at.toISOString()}>
              {dateTime(i.at)}
            </time>
            <span>
              <span className={KIND_CLASS[i.kind]}>{KIND_LABEL[i.kind]}</span>
            </span>
            <span>
              <strong>{i.title}</strong>
              {i.detail && <span className="muted"> — {i.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
