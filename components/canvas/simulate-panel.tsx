'use client';
/** Try the draft on a pretend lead: attributes, scripted events over days, and the timeline of what it would receive. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { NumberField, SelectField, TextField } from './fields';
import type { DraftCanvasGraph } from '@/lib/journey/graph';
import { stepSentence } from '@/lib/journey/step-sentence';
import { virtualMoment } from '@/lib/text/moment';

interface ScriptEvent {
  key: number;
  type: string;
  day: number;
  hour: number;
}

const HOUR = 3_600_000;
// The simulator's clock starts at epoch 0, so an ISO moment in a step is its offset from the lead's first moment.
const simWhen = (iso: string) => virtualMoment(Date.parse(iso));
const OUTCOME: Record<string, string> = {
  completed: 'The lead finished the journey',
  archived: 'The lead left the journey and was archived',
  horizon: 'The lead was still in the journey when the simulation stopped',
  continue_as_new: 'The lead was still in the journey when the simulation stopped',
  error: 'The run stopped on an error',
};

export function SimulatePanel({ journeyId, draft, eventTypes, onPath }: { journeyId: string; draft: () => DraftCanvasGraph; eventTypes: readonly string[]; onPath: (nodeIds: string[]) => void }) {
  const trpc = useTRPC();
  const sim = useMutation(trpc.journeys.simulate.mutationOptions({ onSuccess: (r) => onPath(r.ok ? r.path : []) }));
  const [jobTitle, setJobTitle] = useState('Marketing Director');
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
  return (
    <section className="card simulate" aria-label="Simulate a lead">
      <h2>Simulate</h2>
      <TextField label="Job title" value={jobTitle} onChange={setJobTitle} />
      <NumberField label="Company size" allowEmpty min={0} value={companySize} onChange={setCompanySize} />
      <fieldset className="rows">
        <legend>What the lead does (then silence)</legend>
        {events.map((e, i) => (
          <div className="row-item" key={e.key}>
            <SelectField label={`Event ${i + 1}`} value={e.type} options={eventTypes.map((t) => ({ value: t, label: t }))} onChange={(type) => set(e.key, { type })} />
            <NumberField label="Day" min={0} value={e.day} onChange={(day) => set(e.key, { day: day ?? 0 })} />
            <NumberField label="Hour" min={0} max={23} value={e.hour} onChange={(hour) => set(e.key, { hour: hour ?? 0 })} />
            <button type="button" className="secondary small" aria-label={`Remove event ${i + 1}`} onClick={() => setEvents((es) => es.filter((x) => x.key !== e.key))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setEvents((es) => [...es, { key: Date.now(), type: eventTypes[0] ?? 'email_open', day: (es.at(-1)?.day ?? 0) + 1, hour: 0 }])}>
          Add event
        </button>
      </fieldset>
      <NumberField label="Simulate for (days)" min={1} max={365} value={horizonDays} onChange={setHorizon} />
      <div className="row">
        <button type="button" data-testid="simulate" onClick={run} disabled={sim.isPending}>
          {sim.isPending ? 'Simulating…' : 'Simulate'}
        </button>
        {result?.ok && (
          <button type="button" className="secondary" onClick={() => { sim.reset(); onPath([]); }}>
            Clear path
          </button>
        )}
      </div>
      {sim.error && <p className="alert">{sim.error.message}</p>}
      {result && !result.ok && (
        <div className="alert" role="alert">
          Fix the problems first: {result.problems.map((p) => p.message).join(' ')}
        </div>
      )}
      {result?.ok && (
        <>
          <p className="small">
            Fit points {result.fitPoints} → final score {result.finalScore} ({result.finalStage}). {OUTCOME[result.outcome] ?? result.outcome}
            {result.error ? `: ${result.error}` : '.'}
          </p>
          <ol data-testid="sim-timeline" className="timeline">
            {result.timeline.map((t, i) => (
              <li key={i} className={t.kind === 'send_email' ? 'is-email' : undefined} data-node-id={t.nodeId}>
                <span className="muted">{virtualMoment(t.atMs)}</span> {stepSentence(t, { node: result.nodes[t.nodeId], when: simWhen, sendingLimit: result.sendingLimit })}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
