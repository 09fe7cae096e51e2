/** Journey definitions and signal builders shared by the engine and workflow tests (never bundled into workflow code). */
import type { JourneyDefinition, JourneyNode } from '../definition';
import { defaultJourneyGraph } from '../default-journey';
import { graphToDefinition } from '../graph';
import type { LeadEventSignal, Stage } from '../contract';

/** The seeded default journey as its definition; `templateSuffix` lets a test publish a visibly different v2. */
export function defaultLikeJourney(opts: { templateSuffix?: string; name?: string } = {}): JourneyDefinition {
  const def = graphToDefinition(defaultJourneyGraph(), opts.name ?? 'Default journey');
  const suffix = opts.templateSuffix ?? '';
  return {
    ...def,
    nodes: def.nodes.map((n): JourneyNode => (n.kind === 'send_email' ? { ...n, config: { ...n.config, template: `${n.config.template}${suffix}` } } : n)),
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

/** Three emails in a row: the first holds every lead out (100 %), the second has no holdout, the third splits A/B with a 50 % holdout. */
export function holdoutJourney(): JourneyDefinition {
  const email = (id: string, holdoutPercent: number | undefined, variants: { id: string; weight: number }[] = []): JourneyNode => ({
    id,
    kind: 'send_email',
    label: '',
    config: { template: `holdout-${id}`, variants, oncePerLead: true, ...(holdoutPercent === undefined ? {} : { holdoutPercent }) },
  });
  const nodes: JourneyNode[] = [
    { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
    email('held', 100),
    email('plain', undefined),
    email('split', 50, [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }]),
    { id: 'done', kind: 'exit', label: '', config: { archive: false } },
  ];
  const chain = ['trigger', 'held', 'plain', 'split', 'done'];
  const edges = chain.slice(1).map((target, i) => ({ id: `e${i}`, source: chain[i] ?? 'trigger', output: 'next', target }));
  return { schemaVersion: 1, name: 'Holdout', nodes, edges };
}

/** An A/B split (50/50) whose arms each send an email with two subject variants, then the journey ends. */
export function abWinnerJourney(): JourneyDefinition {
  const email = (id: string): JourneyNode => ({ id, kind: 'send_email', label: '', config: { template: `ab-${id}`, variants: [{ id: 'A', weight: 50, subject: 'Hi' }, { id: 'B', weight: 50, subject: 'Hello' }], oncePerLead: true } });
  const nodes: JourneyNode[] = [
    { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
    { id: 'split', kind: 'ab_split', label: '', config: { variants: [{ id: 'A', label: 'Short', weight: 50 }, { id: 'B', label: 'Long', weight: 50 }] } },
    email('email-a'),
    email('email-b'),
    { id: 'done', kind: 'exit', label: '', config: { archive: false } },
  ];
  const edges = [
    { id: 'e0', source: 'trigger', output: 'next', target: 'split' },
    { id: 'e1', source: 'split', output: 'A', target: 'email-a' },
    { id: 'e2', source: 'split', output: 'B', target: 'email-b' },
    { id: 'e3', source: 'email-a', output: 'next', target: 'done' },
    { id: 'e4', source: 'email-b', output: 'next', target: 'done' },
  ];
  return { schemaVersion: 1, name: 'A/B winner', nodes, edges };
}
