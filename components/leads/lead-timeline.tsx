/** One timeline, newest first: lead events, the journey steps they caused (in sentences, naming their journey), and the emails sent. */
import { useTranslations } from 'next-intl';
import type { Outputs } from '@/components/dashboard/format';
import { useFormat } from '@/components/ui/use-format';
import { asFlowNode, useStepSentence } from '@/components/canvas/use-step-sentence';
import { useMoment } from '@/components/ui/use-moment';
import { useServerText } from '@/components/ui/use-server-text';
import { useStatus } from '@/components/ui/use-status';
import { eventText, eventTitle } from '@/lib/journey/words';

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

/** How each kind of item reads; the page words them in the reader's language. */
export interface TimelineWords {
  event: (e: Details['events'][number]) => { title: string; detail: string };
  step: (s: Step) => string;
  email: (m: Details['emails'][number]) => { title: string; detail: string };
}

export function mergeTimeline(events: Details['events'], steps: Step[], emails: Details['emails'], runs: Details['runs'], words: TimelineWords): Item[] {
  const journeyOf = new Map(runs.map((r) => [r.workflowId, r.journeyName]));
  const items: Item[] = [
    ...events.map((e) => ({ key: `e${e.seq}`, at: new Date(e.occurredAt), kind: 'event' as const, ...words.event(e) })),
    ...steps.map((s) => ({ key: `s${s.id}`, at: new Date(s.at), kind: 'step' as const, journey: s.journeyName, title: words.step(s) })),
    ...emails.map((m) => ({
      key: `m${m.id}`,
      at: new Date(m.sentAt ?? m.createdAt),
      kind: 'email' as const,
      journey: m.workflowId ? journeyOf.get(m.workflowId) : undefined,
      ...words.email(m),
    })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime());
}

const KIND_CLASS = { event: 'badge', step: 'badge ok', email: 'badge warm' } as const;

export function LeadTimeline({ events, steps, emails, runs }: { events: Details['events']; steps: Step[]; emails: Details['emails']; runs: Details['runs'] }) {
  const t = useTranslations('lead.timeline');
  const say = useServerText();
  const status = useStatus();
  const { moment } = useMoment();
  const { dateTime } = useFormat();
  const now = new Date();
  const byId = new Map(steps.flatMap((s) => (s.node ? [[`${s.journeyName}\u0000${s.node.id}`, s.node] as const] : [])));
  // Sentences name steps by id; a lead's steps come from several journeys, so each sentence looks only in its own.
  const sentenceFor = (s: Step) => (id: string) => {
    const n = byId.get(`${s.journeyName}\u0000${id}`);
    return n ? asFlowNode(n) : undefined;
  };
  const sentence = useStepSentence();
  const words: TimelineWords = {
    event: (e) => ({ title: say(eventText(e.type), eventTitle(e.type)), detail: t('points', { points: e.points > 0 ? `+${e.points}` : String(e.points), score: String(e.scoreAfter) }) }),
    step: (s) => sentence(s, { node: s.node, when: (iso) => moment(iso, now), sendingLimit: s.sendingLimit, journey: s.journeyName }, sentenceFor(s)),
    email: (m) => ({ title: m.variant ? t('emailVariant', { subject: m.subject, variant: m.variant }) : t('emailTitle', { subject: m.subject }), detail: status('email', m.status) }),
  };
  const items = mergeTimeline(events, steps, emails, runs, words);
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('title')}</h2>
      {items.length === 0 && <p className="muted">{t('none')}</p>}
      <ol data-testid="timeline" className="lead-timeline">
        {items.map((i) => (
          <li key={i.key} data-kind={i.kind}>
            <time className="muted" dateTime={i.at.toISOString()} title={dateTime(i.at)}>
              {moment(i.at, now)}
            </time>
            <span>
              <span className={KIND_CLASS[i.kind]}>{t(i.kind)}</span>
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
