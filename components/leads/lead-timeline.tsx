/** One timeline, newest first: lead events, the journey steps they caused (in sentences, naming their journey), and the emails sent. */
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { stepSentence } from '@/lib/journey/step-sentence';
import { eventTitle } from '@/lib/journey/words';
import { momentText } from '@/lib/text/moment';

type Details = Outputs['leads']['byId'];
type Step = Outputs['dashboard']['leadSteps'][number];

interface Item {
  key: string;
  at: Date;
  kind: 'event' | 'step' | 'email';
  title: string;
  /** The journey a step belongs to: a lead can be in several at once. */
  journey?: string;
  detail?: string;
}

export function mergeTimeline(events: Details['events'], steps: Step[], emails: Details['emails'], runs: Details['runs'], now = new Date()): Item[] {
  const when = (iso: string) => momentText(iso, now);
  const journeyOf = new Map(runs.map((r) => [r.workflowId, r.journeyName]));
  const items: Item[] = [
    ...events.map((e) => ({
      key: `e${e.seq}`,
      at: new Date(e.occurredAt),
      kind: 'event' as const,
      title: eventTitle(e.type),
      detail: `${e.points > 0 ? `+${e.points}` : e.points} points → score ${e.scoreAfter}`,
    })),
    ...steps.map((s) => ({
      key: `s${s.id}`,
      at: new Date(s.at),
      kind: 'step' as const,
      journey: s.journeyName,
      title: stepSentence(s, { node: s.node, when, sendingLimit: s.sendingLimit, journey: s.journeyName }),
    })),
    ...emails.map((m) => ({
      key: `m${m.id}`,
      at: new Date(m.sentAt ?? m.createdAt),
      kind: 'email' as const,
      journey: m.workflowId ? journeyOf.get(m.workflowId) : undefined,
      title: `“${m.subject}”${m.variant ? ` (variant ${m.variant})` : ''}`,
      detail: m.status,
    })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime());
}

const KIND_LABEL = { event: 'Event', step: 'Journey', email: 'Email' } as const;
const KIND_CLASS = { event: 'badge', step: 'badge ok', email: 'badge warm' } as const;

export function LeadTimeline({ events, steps, emails, runs }: { events: Details['events']; steps: Step[]; emails: Details['emails']; runs: Details['runs'] }) {
  const now = new Date();
  const items = mergeTimeline(events, steps, emails, runs, now);
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      {items.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      <ol data-testid="timeline" className="lead-timeline">
        {items.map((i) => (
          <li key={i.key} data-kind={i.kind}>
            <time className="muted" dateTime={i.at.toISOString()} title={dateTime(i.at)}>
              {momentText(i.at, now)}
            </time>
            <span>
              <span className={KIND_CLASS[i.kind]}>{KIND_LABEL[i.kind]}</span>
              {i.journey && <span className="lead-timeline-journey" data-testid="timeline-journey">{i.journey}</span>}
            </span>
            <span className="lead-timeline-text">
              {i.kind === 'step' ? <span>{i.title}</span> : <strong>{i.title}</strong>}
              {i.detail && <span className="muted"> — {i.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
