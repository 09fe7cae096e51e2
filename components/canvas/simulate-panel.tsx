'use client';
/** Try the draft on a pretend lead: attributes, scripted events over days, and the timeline of what it would receive. */
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useContext, useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { NumberField, SelectField, TextField } from './fields';
import type { DraftCanvasGraph } from '@/lib/journey/graph';
import { useMoment } from '@/components/ui/use-moment';
import { StoreContext } from './editor-context';
import { asFlowNode, useStepSentence } from './use-step-sentence';
import { STAGES, type Stage } from '@/lib/scoring/stages';
import { useProblemText } from './use-problem-text';

interface ScriptEvent {
  key: number;
  type: string;
  day: number;
  hour: number;
}

const HOUR = 3_600_000;
const OUTCOMES = ['completed', 'archived', 'horizon', 'continue_as_new', 'error'] as const;
const isOutcome = (v: string): v is (typeof OUTCOMES)[number] => (OUTCOMES as readonly string[]).includes(v);
const isStage = (v: string): v is Stage => (STAGES as readonly string[]).includes(v);

export function SimulatePanel({ journeyId, draft, eventTypes, onPath }: { journeyId: string; draft: () => DraftCanvasGraph; eventTypes: readonly string[]; onPath: (nodeIds: string[]) => void }) {
  const trpc = useTRPC();
  const t = useTranslations('journeyEditor.simulate');
  const ts = useTranslations('stages');
  const say = useProblemText();
  const sentence = useStepSentence();
  const { virtual } = useMoment();
  const store = useContext(StoreContext);
  const sim = useMutation(trpc.journeys.simulate.mutationOptions({ onSuccess: (r) => onPath(r.ok ? r.path : []) }));
  const [jobTitle, setJobTitle] = useState(() => t('jobTitleDefault'));
  const [companySize, setCompanySize] = useState<number | null>(50);
  const [horizonDays, setHorizon] = useState<number | null>(14);
  const [events, setEvents] = useState<ScriptEvent[]>([
    { key: 1, type: 'visit_pricing', day: 0, hour: 0 },
    { key: 2, type: 'webinar_register', day: 2, hour: 0 },
  ]);
  const set = (key: number, patch: Partial<ScriptEvent>) => setEvents((es) => es.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  const run = () =>
    sim.mutate({
      id: journeyId,
      graph: draft(),
      lead: { jobTitle: jobTitle || undefined, companySize: companySize ?? undefined },
      events: events.map((e) => ({ type: e.type, atMs: Math.max(0, Math.round((e.day * 24 + e.hour) * HOUR)) })),
      horizonDays: horizonDays ?? 14,
    });
  const result = sim.data;
  // Steps read as the canvas titles them now; a step deleted since the run by its simulated self.
  const nodeOf = useCallback(
    (id: string) => store?.graph().nodes.find((n) => n.id === id) ?? (result?.ok && result.nodes[id] ? asFlowNode(result.nodes[id]) : undefined),
    [store, result],
  );
  // The simulator's clock starts at epoch 0, so an ISO moment in a step is its offset from the lead's first moment.
  const simWhen = (iso: string) => virtual(Date.parse(iso));
  return (
    <section className="card simulate" aria-label={t('label')}>
      <h2>{t('title')}</h2>
      <TextField label={t('jobTitle')} value={jobTitle} onChange={setJobTitle} />
      <NumberField label={t('companySize')} allowEmpty min={0} value={companySize} onChange={setCompanySize} />
      <fieldset className="rows">
        <legend>{t('script')}</legend>
        {events.map((e, i) => (
          <div className="row-item" key={e.key}>
            <SelectField label={t('event', { n: i + 1 })} value={e.type} options={eventTypes.map((type) => ({ value: type, label: type }))} onChange={(type) => set(e.key, { type })} />
            <NumberField label={t('day')} min={0} value={e.day} onChange={(day) => set(e.key, { day: day ?? 0 })} />
            <NumberField label={t('hour')} min={0} max={23} value={e.hour} onChange={(hour) => set(e.key, { hour: hour ?? 0 })} />
            <button type="button" className="secondary small" aria-label={t('removeEvent', { n: i + 1 })} onClick={() => setEvents((es) => es.filter((x) => x.key !== e.key))}>
              {t('remove')}
            </button>
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setEvents((es) => [...es, { key: Date.now(), type: eventTypes[0] ?? 'email_open', day: (es.at(-1)?.day ?? 0) + 1, hour: 0 }])}>
          {t('addEvent')}
        </button>
      </fieldset>
      <NumberField label={t('horizon')} min={1} max={365} value={horizonDays} onChange={setHorizon} />
      <div className="row">
        <button type="button" data-testid="simulate" onClick={run} disabled={sim.isPending}>
          {sim.isPending ? t('running') : t('run')}
        </button>
        {result?.ok && (
          <button type="button" className="secondary" onClick={() => { sim.reset(); onPath([]); }}>
            {t('clear')}
          </button>
        )}
      </div>
      {sim.error && <p className="alert">{sim.error.message}</p>}
      {result && !result.ok && (
        <div className="alert" role="alert">
          {t('fixFirst', { problems: result.problems.map(say).join(' ') })}
        </div>
      )}
      {result?.ok && (
        <>
          <p className="small">
            {t('result', { fit: result.fitPoints, score: result.finalScore, stage: isStage(result.finalStage) ? ts(result.finalStage) : result.finalStage })}{' '}
            {isOutcome(result.outcome) ? t(`outcome.${result.outcome}`) : result.outcome}
            {result.error ? `: ${result.error}` : '.'}
          </p>
          <ol data-testid="sim-timeline" className="timeline">
            {result.timeline.map((t, i) => (
              <li key={i} className={t.kind === 'send_email' ? 'is-email' : undefined} data-node-id={t.nodeId}>
                <span className="muted">{virtual(t.atMs)}</span> {sentence(t, { node: result.nodes[t.nodeId], when: simWhen, sendingLimit: result.sendingLimit }, nodeOf)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
