import { describe, expect, it } from 'vitest';
import { burstJourney, defaultLikeJourney, stageOf } from './fixtures';
import { simulateJourney, type SimulationOptions, type TimelineEntry } from './simulate';
import type { JourneyDefinition } from '../definition';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const base: Omit<SimulationOptions, 'events' | 'lead'> = {
  horizonMs: 60 * DAY,
  // Distinct-event scoring as in the SPEC: a type scores once.
  scoreEvent: (type, prior) => ((prior[type] ?? 0) > 0 ? 0 : ({ visit_pricing: 25, download_whitepaper: 15, webinar_register: 20 } as Record<string, number>)[type] ?? 0),
  stageFor: stageOf,
};

const sent = (timeline: TimelineEntry[]) =>
  timeline.filter((t) => t.kind === 'send_email' && t.detail.status === 'sent').map((t) => ({ day: t.atMs / DAY, template: t.detail.template }));

describe('simulateJourney on the default journey', () => {
  it('routes a lead climbing 10 → 50 → 70 to Email A, Email C, then hand-off', async () => {
    const result = await simulateJourney(defaultLikeJourney(), {
      ...base,
      lead: { id: 'climber', score: 10 },
      events: [
        { type: 'visit_pricing', atMs: 1 * DAY },
        { type: 'download_whitepaper', atMs: 1 * DAY },
        { type: 'webinar_register', atMs: 2 * DAY },
      ],
    });
    expect(result.events.map((e) => e.score)).toEqual([35, 50, 70]);
    expect(sent(result.timeline)).toEqual([
      { day: 0, template: 'email-a-nurture' },
      { day: 1, template: 'email-c-case-study' },
    ]);
    const handoff = result.timeline.find((t) => t.kind === 'handoff');
    expect(handoff?.atMs).toBe(2 * DAY);
    expect(result.outcome).toBe('completed');
    expect(result.state.stage).toBe('hot');
  });

  it('re-engages a silent cold lead on day 7 and archives it on day 14', async () => {
    const result = await simulateJourney(defaultLikeJourney(), { ...base, lead: { id: 'cold', score: 0 }, events: [] });
    expect(sent(result.timeline)).toEqual([
      { day: 0, template: 'email-a-nurture' },
      { day: 7, template: 're-engage' },
    ]);
    const exit = result.timeline.find((t) => t.kind === 'exit');
    expect(exit).toMatchObject({ atMs: 14 * DAY, nodeId: 'exit-archive', detail: { archive: true } });
    expect(result.outcome).toBe('archived');
  });

  it('restarts the 7-day clock when an event arrives on day 6', async () => {
    const result = await simulateJourney(defaultLikeJourney(), {
      ...base,
      lead: { id: 'cold-then-open', score: 0 },
      events: [{ type: 'email_open', atMs: 6 * DAY }],
    });
    // Email A is once-per-lead, so the second pass only waits again.
    expect(sent(result.timeline)).toEqual([
      { day: 0, template: 'email-a-nurture' },
      { day: 13, template: 're-engage' },
    ]);
    expect(result.timeline.find((t) => t.kind === 'exit')?.atMs).toBe(20 * DAY);
  });

  it('counts a duplicated event once', async () => {
    const result = await simulateJourney(defaultLikeJourney(), {
      ...base,
      lead: { id: 'dup', score: 10 },
      events: [
        { type: 'visit_pricing', atMs: DAY, eventId: 'same' },
        { type: 'visit_pricing', atMs: DAY + HOUR, eventId: 'same' },
      ],
    });
    expect(result.events.map((e) => e.applied)).toEqual([true, false]);
    expect(result.state.eventsSeen).toBe(1);
    // One pass through the router after the event, not two.
    expect(result.timeline.filter((t) => t.nodeId === 'score').length).toBe(2);
  });

  it('stops at the horizon while still waiting', async () => {
    const result = await simulateJourney(defaultLikeJourney(), { ...base, horizonMs: 3 * DAY, lead: { score: 0 }, events: [] });
    expect(result.outcome).toBe('horizon');
    expect(result.state.currentNode).toBe('wait-a');
  });
});

describe('simulateJourney engine rules', () => {
  it('defers the fourth email of a burst until the 24 h window opens, never drops it', async () => {
    const result = await simulateJourney(burstJourney(4), { ...base, lead: { score: 0 }, events: [] });
    expect(sent(result.timeline).map((s) => s.day)).toEqual([0, 0, 0, 1]);
    const deferred = result.timeline.find((t) => t.detail.phase === 'deferred');
    expect(deferred).toMatchObject({ nodeId: 'email-4', detail: { deferredUntil: new Date(DAY).toISOString() } });
  });

  it('fails loudly on a definition that loops without waiting', async () => {
    const loop: JourneyDefinition = {
      schemaVersion: 1,
      name: 'Loop',
      nodes: [
        { id: 't', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
        { id: 'tag', kind: 'update_lead', label: '', config: { addTags: ['x'] } },
      ],
      edges: [
        { id: 'a', source: 't', output: 'next', target: 'tag' },
        { id: 'b', source: 'tag', output: 'next', target: 'tag' },
      ],
    };
    const result = await simulateJourney(loop, { ...base, lead: { score: 0 }, events: [] });
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/1000 transitions without waiting/);
  });

  it('keeps a lead in the same A/B email variant and branches conditions on attributes', async () => {
    const def: JourneyDefinition = {
      schemaVersion: 1,
      name: 'AB',
      nodes: [
        { id: 't', kind: 'trigger', label: '', config: { on: 'lead_captured' } },
        { id: 'c', kind: 'condition', label: '', config: { match: 'all', rules: [{ field: 'attr.plan', op: 'eq', value: 'Pro' }] } },
        {
          id: 'e',
          kind: 'send_email',
          label: '',
          config: { template: 'welcome', oncePerLead: false, variants: [{ id: 'v1', weight: 50, subject: 'One' }, { id: 'v2', weight: 50, subject: 'Two' }] },
        },
        { id: 'x', kind: 'exit', label: '', config: { archive: false } },
      ],
      edges: [
        { id: '1', source: 't', output: 'next', target: 'c' },
        { id: '2', source: 'c', output: 'true', target: 'e' },
        { id: '3', source: 'c', output: 'false', target: 'x' },
        { id: '4', source: 'e', output: 'next', target: 'x' },
      ],
    };
    const variants = new Set<unknown>();
    for (let i = 0; i < 2; i++) {
      const r = await simulateJourney(def, { ...base, lead: { id: 'lead-42', attributes: { plan: ' pro ' } }, events: [] });
      variants.add(r.timeline.find((t) => t.kind === 'send_email')?.detail.variant);
    }
    expect(variants.size).toBe(1);
    const other = await simulateJourney(def, { ...base, lead: { id: 'lead-42', attributes: { plan: 'free' } }, events: [] });
    expect(other.timeline.some((t) => t.kind === 'send_email')).toBe(false);
  });
});
