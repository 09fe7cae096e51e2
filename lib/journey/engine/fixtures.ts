/** Journey definitions and signal builders shared by the engine and workflow tests (the default journey, written out as a definition). */
import type { JourneyDefinition, JourneyNode } from '../definition';
import type { LeadEventSignal, Stage } from '../../../workflows/types';

const sevenDays = { amount: 7, unit: 'days' } as const;

/** Mirrors lib/journey/default-journey.ts; `templateSuffix` lets a test publish a visibly different v2. */
export function defaultLikeJourney(opts: { templateSuffix?: string; name?: string } = {}): JourneyDefinition {
  const suffix = opts.templateSuffix ?? '';
  const email = (id: string, template: string): JourneyNode => ({
    id,
    kind: 'send_email',
    label: id,
    config: { template: `${template}${suffix}`, variants: [], oncePerLead: true },
  });
  const waitFor = (id: string): JourneyNode => ({ id, kind: 'wait_for_event', label: id, config: { eventTypes: [], timeout: sevenDays } });
  const edge = (source: string, output: string, target: string) => ({ id: `e-${source}-${output}`, source, output, target });
  return {
    schemaVersion: 1,
    name: opts.name ?? 'Default journey',
    nodes: [
      { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
      {
        id: 'score',
        kind: 'score_branch',
        label: '',
        config: {
          ranges: [
            { output: 'cold', label: '', min: null, max: 19 },
            { output: 'warm', label: '', min: 20, max: 44 },
            { output: 'engaged', label: '', min: 45, max: 59 },
            { output: 'hot', label: '', min: 60, max: null },
          ],
        },
      },
      email('email-a', 'email-a-nurture'),
      email('email-b', 'email-b-welcome-value'),
      email('email-c', 'email-c-case-study'),
      waitFor('wait-a'),
      waitFor('wait-b'),
      waitFor('wait-c'),
      email('re-engage', 're-engage'),
      waitFor('wait-re-engage'),
      { id: 'exit-archive', kind: 'exit', label: '', config: { archive: true } },
      { id: 'mark-hot', kind: 'update_lead', label: '', config: { stage: 'hot', lifecycle: 'mql', addTags: [] } },
      {
        id: 'handoff',
        kind: 'handoff',
        label: '',
        config: { owner: { mode: 'round_robin' }, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false },
      },
      { id: 'exit-handed-off', kind: 'exit', label: '', config: { archive: false } },
    ],
    edges: [
      edge('trigger', 'next', 'score'),
      edge('score', 'cold', 'email-a'),
      edge('score', 'warm', 'email-b'),
      edge('score', 'engaged', 'email-c'),
      edge('score', 'hot', 'mark-hot'),
      ...(['a', 'b', 'c'] as const).flatMap((x) => [
        edge(`email-${x}`, 'next', `wait-${x}`),
        edge(`wait-${x}`, 'event', 'score'),
        edge(`wait-${x}`, 'timeout', 're-engage'),
      ]),
      edge('re-engage', 'next', 'wait-re-engage'),
      edge('wait-re-engage', 'event', 'score'),
      edge('wait-re-engage', 'timeout', 'exit-archive'),
      edge('mark-hot', 'next', 'handoff'),
      edge('handoff', 'next', 'exit-handed-off'),
    ],
  };
}

/** A journey that sends `count` marketing emails back to back, to exercise the frequency cap. */
export function burstJourney(count: number): JourneyDefinition {
  const ids = Array.from({ length: count }, (_, i) => `email-${i + 1}`);
  const nodes: JourneyNode[] = [
    { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
    ...ids.map((id): JourneyNode => ({ id, kind: 'send_email', label: '', config: { template: `burst-${id}`, variants: [], oncePerLead: true } })),
    { id: 'done', kind: 'exit', label: '', config: { archive: false } },
  ];
  const chain = ['trigger', ...ids, 'done'];
  const edges = chain.slice(1).map((target, i) => ({ id: `e${i}`, source: chain[i] ?? 'trigger', output: 'next', target }));
  return { schemaVersion: 1, name: 'Burst', nodes, edges };
}

/** Default-threshold stages (warm 20, engaged 45, hot 60), restated so the engine tests need no scoring module. */
export function stageOf(score: number): Stage {
  if (score >= 60) return 'hot';
  if (score >= 45) return 'engaged';
  if (score >= 20) return 'warm';
  return 'cold';
}

export function leadEvent(seq: number, score: number, type = 'email_click', eventId = `evt-${seq}`): LeadEventSignal {
  return { eventId, type, occurredAt: new Date(0).toISOString(), seq, score, stage: stageOf(score), isHot: score >= 60, properties: {} };
}
