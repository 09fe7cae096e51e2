/** The abstract runtime the interpreter runs against: Temporal in the worker, a virtual clock in the simulator. */
import type { JourneyActivities, LeadEventSignal } from '../contract';
import type { HandoffWorkflowInput } from '../contract';
import type { HeldEvent, ParkSpec } from './park';

export interface JourneyRuntime {
  /** Milliseconds since the epoch on the run's clock (workflow time, or the simulator's virtual time). */
  now(): number;
  /** A durable sleep; in Temporal a timer that survives worker restarts. */
  sleep(ms: number): Promise<void>;
  /** Resolves true as soon as `predicate` holds, false once `timeoutMs` elapsed without it holding. */
  waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean>;
  activities: JourneyActivities;
  /** Starts the hand-off SLA child; must outlive the journey run (abandon on parent close). */
  startHandoff(input: HandoffWorkflowInput): Promise<void>;
  /** Checked at node boundaries and while waiting; the interpreter then returns 'continue_as_new'. */
  shouldContinueAsNew(): boolean;
  /** Called whenever the run's position changes (node entered, run finished). */
  onPosition(nodeId: string | null): void;
  /**
   * Temporal's `patched()`: the interpreter is shared workflow code, so any behaviour change to it
   * must branch on a patch id here to keep histories of running leads replayable.
   */
  patched(patchId: string): boolean;
  /** Publishes the wait the run is about to block in, with the next bookkeeping write (absent in the simulator). */
  park?(spec: ParkSpec): void;
  /** Leaves that wait: the events ingestion held meanwhile, oldest first. */
  unpark?(spec: ParkSpec): Promise<HeldEvent<LeadEventSignal>[]>;
  /** True for errors that mean "the run is being cancelled"; those are never swallowed by a node. */
  isCancellation(err: unknown): boolean;
}

/** Thrown when a run loops without ever waiting; the compiler should have rejected the definition. */
export class JourneyLoopError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JourneyLoopError';
  }
}

/** Thrown when a definition points at a node that does not exist or has no start. */
export class JourneyDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JourneyDefinitionError';
  }
}
