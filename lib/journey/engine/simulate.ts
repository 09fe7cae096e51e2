/** A discrete-event simulator that runs the real interpreter on a virtual clock with fake activities, for previews and tests. */
import type { JourneyDefinition } from '../definition';
import type { JourneyActivities, LeadSnapshot } from '../contract';
import type { HandoffWorkflowInput, LeadEventSignal, Stage } from '../contract';
import { runJourney, type RunOutcome } from './interpreter';
import type { JourneyRuntime } from './runtime';
import { applyLeadEvent, createInitialState, type InterpreterState } from './state';

export interface SimulatedEvent {
  type: string;
  /** Offset from the start of the run, in ms. */
  atMs: number;
  /** Defaults to a unique id; pass the same id twice to simulate a duplicate delivery. */
  eventId?: string;
  properties?: Record<string, unknown>;
}

export interface SimulationOptions {
  lead: Partial<Omit<LeadSnapshot, 'properties'>> & { attributes?: Record<string, unknown> };
  events: SimulatedEvent[];
  horizonMs: number;
  /** Points an event adds, given how many events of each type the lead had before it. */
  scoreEvent: (type: string, priorCounts: Readonly<Record<string, number>>) => number;
  stageFor: (score: number) => Stage;
  hotAt?: number;
  maxEmailsPer24h?: number;
  /** Epoch ms the virtual clock starts at (only affects ISO timestamps in details). */
  startAt?: number;
  journeyId?: string;
}

export interface TimelineEntry {
  atMs: number;
  nodeId: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface SimulationResult {
  timeline: TimelineEntry[];
  /** How the run ended; 'horizon' when it was still waiting at the horizon. */
  outcome: RunOutcome | 'horizon' | 'error';
  error?: string;
  events: { atMs: number; type: string; score: number; stage: Stage; applied: boolean }[];
  state: InterpreterState;
}

interface Blocker {
  deadline: number;
  predicate: (() => boolean) | null;
  resolve: (satisfied: boolean) => void;
}

/** Guards the driver itself: a run that keeps blocking without time passing is a bug, not a journey. */
const MAX_DRIVER_STEPS = 100_000;

function snapshotOf(lead: SimulationOptions['lead'], id: string): LeadSnapshot {
  return {
    id,
    email: lead.email ?? `${id}@example.com`,
    firstName: lead.firstName ?? null,
    lastName: lead.lastName ?? null,
    company: lead.company ?? null,
    jobTitle: lead.jobTitle ?? null,
    companySize: lead.companySize ?? null,
    properties: lead.attributes ?? {},
    score: lead.score ?? 0,
    stage: lead.stage ?? 'cold',
    lifecycle: lead.lifecycle ?? 'lead',
    lastAction: lead.lastAction ?? null,
    tags: lead.tags ?? [],
    archived: false,
  };
}

export async function simulateJourney(def: JourneyDefinition, opts: SimulationOptions): Promise<SimulationResult> {
  const start = opts.startAt ?? 0;
  const leadId = opts.lead.id ?? 'sim-lead';
  const journeyId = opts.journeyId ?? 'sim-journey';
  const hotAt = opts.hotAt ?? 60;
  const lead = snapshotOf(opts.lead, leadId);
  const state = createInitialState({
    workflowId: `lead-${leadId}-journey-${journeyId}`,
    leadId,
    journeyId,
    journeyVersion: 0,
    maxEmailsPer24h: opts.maxEmailsPer24h ?? 3,
    score: lead.score,
    stage: opts.lead.stage ?? opts.stageFor(lead.score),
    isHot: lead.score >= hotAt,
    lastAction: lead.lastAction,
  });

  let now = start;
  const timeline: TimelineEntry[] = [];
  const eventLog: SimulationResult['events'] = [];
  let blocker: Blocker | null = null;
  let wake: (() => void) | null = null;
  let counter = 0;

  // Read through a function: TypeScript cannot see the interpreter assigning `blocker` from its promises.
  const currentBlocker = (): Blocker | null => blocker;
  const block = (b: Blocker) => {
    if (b.predicate?.()) return b.resolve(true);
    blocker = b;
    wake?.();
  };

  const activities: JourneyActivities = {
    async recordStep(step) {
      timeline.push({ atMs: now - start, nodeId: step.nodeId, kind: step.kind, detail: step.detail });
    },
    async loadLead() {
      return { ...lead, score: state.score, stage: state.stage, lastAction: state.lastAction };
    },
    async sendEmail() {
      return { status: 'sent', messageId: `sim-message-${++counter}`, providerId: 'simulator' };
    },
    async startHandoff(input) {
      return { handoffId: `sim-handoff-${++counter}`, ownerId: input.owner.mode === 'fixed' ? input.owner.ownerId : 'round-robin', created: true };
    },
    async updateLead(input) {
      if (input.stage) lead.stage = input.stage;
      if (input.lifecycle) lead.lifecycle = input.lifecycle;
      if (input.addTags) lead.tags = [...new Set([...lead.tags, ...input.addTags])];
      if (input.archive) lead.archived = true;
      // Goals are met by ingestion and the desk, which the simulator does not play.
      return {};
    },
    async callWebhook() {
      return { status: 200 };
    },
    async syncRun() {},
  };

  const rt: JourneyRuntime = {
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => block({ deadline: now + Math.max(0, ms), predicate: null, resolve: () => resolve() })),
    waitUntil: (predicate, timeoutMs) => new Promise<boolean>((resolve) => block({ deadline: now + Math.max(0, timeoutMs), predicate, resolve })),
    activities,
    startHandoff: async (_input: HandoffWorkflowInput) => {},
    shouldContinueAsNew: () => false,
    onPosition: () => {},
    patched: () => true,
    isCancellation: () => false,
  };

  // Scripted events become scored signals, in time order (stable for equal times).
  const script = opts.events.map((e, i) => ({ ...e, i })).sort((a, b) => a.atMs - b.atMs || a.i - b.i);
  const priorCounts: Record<string, number> = {};
  const seenIds = new Set<string>();
  let score = lead.score;
  let seq = 0;
  let next = 0;
  const applyEventsUpTo = (t: number) => {
    for (let e = script[next]; e !== undefined && start + e.atMs <= t; e = script[++next]) {
      const eventId = e.eventId ?? `sim-event-${e.i}`;
      // Ingestion drops duplicate ids before scoring, so a duplicate reaches the run with the same seq and score.
      if (!seenIds.has(eventId)) {
        seenIds.add(eventId);
        score += opts.scoreEvent(e.type, priorCounts);
        priorCounts[e.type] = (priorCounts[e.type] ?? 0) + 1;
        seq += 1;
      }
      const signal: LeadEventSignal = {
        eventId,
        type: e.type,
        occurredAt: new Date(start + e.atMs).toISOString(),
        seq,
        score,
        stage: opts.stageFor(score),
        isHot: score >= hotAt,
        properties: e.properties ?? {},
      };
      const applied = applyLeadEvent(state, signal);
      eventLog.push({ atMs: e.atMs, type: e.type, score: signal.score, stage: signal.stage, applied });
    }
  };

  let outcome: SimulationResult['outcome'] | null = null;
  let error: string | undefined;
  // Events at offset 0 arrive with the start, like a signal-with-start.
  applyEventsUpTo(start);
  runJourney(rt, def, state).then(
    (o) => {
      outcome = o;
      wake?.();
    },
    (err: unknown) => {
      outcome = 'error';
      error = err instanceof Error ? err.message : String(err);
      wake?.();
    },
  );

  for (let steps = 0; steps < MAX_DRIVER_STEPS; steps++) {
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (outcome !== null || blocker !== null) resolve();
    });
    wake = null;
    if (outcome !== null) break;
    const b = currentBlocker();
    if (!b) continue;
    const nextEvent = script[next];
    const eventAt = nextEvent ? start + nextEvent.atMs : Number.POSITIVE_INFINITY;
    const horizon = start + opts.horizonMs;
    if (Math.min(eventAt, b.deadline) > horizon) {
      now = horizon;
      outcome = 'horizon';
      break;
    }
    blocker = null;
    if (eventAt <= b.deadline) {
      now = Math.max(now, eventAt);
      applyEventsUpTo(now);
      if (b.predicate?.()) b.resolve(true);
      else blocker = b;
    } else {
      now = b.deadline;
      b.resolve(false);
    }
  }
  if (outcome === null) {
    outcome = 'error';
    error = `simulation did not settle within ${MAX_DRIVER_STEPS} steps`;
  }
  return { timeline, outcome, error, events: eventLog, state };
}
