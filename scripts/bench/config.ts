/** Bench sizes, each overridable by an environment variable so a quick or a long run needs no code change. */

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export interface BenchConfig {
  /** Concurrent clients for the single-row insert floor and single-event ingestion. */
  concurrency: number;
  pgSingleRows: number;
  pgMultiRowReps: number;
  temporalSignalWithStarts: number;
  temporalSignalSamples: number;
  /** Leads whose events the ingestion and latency sections send (the first of the memory section's leads). */
  leads: number;
  /** Leads parked per memory step: the worker's RSS is read at baseline, after one step and after two. */
  memoryLeads: number;
  singleEvents: number;
  batches: number;
  backgroundRate: number;
  reactionSamples: number;
  handoffSamples: number;
  canvasNodes: number;
  compileRuns: number;
  dragMs: number;
  /** Background rates of the latency-vs-load curve, and its samples and length per step. */
  curveRates: number[];
  curveSamples: number;
  curveStepMs: number;
  /** How long the curve measures the stack's idle CPU before its first step. */
  idleMs: number;
  /** The blast section: emails in the blast, hot leads sampled during it, and how long the blast may take. */
  blastEmails: number;
  blastHotSamples: number;
  blastTimeoutMs: number;
  /** Hard cap per timed loop, so a stalled stack cannot keep the bench running. */
  loopTimeoutMs: number;
  /** Cap on each wait for journeys to go idle or quiet between sections. */
  settleTimeoutMs: number;
  /** How long the ingestion section may wait for the worker to drain its backlog before the latency sections. */
  drainTimeoutMs: number;
}

export function loadConfig(): BenchConfig {
  return {
    concurrency: int('BENCH_CONCURRENCY', 8),
    pgSingleRows: int('BENCH_PG_ROWS', 4000),
    pgMultiRowReps: int('BENCH_PG_MULTI_REPS', 10),
    temporalSignalWithStarts: int('BENCH_TEMPORAL_SWS', 400),
    temporalSignalSamples: int('BENCH_TEMPORAL_SIGNAL_SAMPLES', 50),
    // Sized so the whole bench takes a few minutes on two shared cores; raise them for a long run.
    leads: int('BENCH_LEADS', 300),
    memoryLeads: int('BENCH_MEMORY_LEADS', 1000),
    singleEvents: int('BENCH_SINGLE_EVENTS', 500),
    batches: int('BENCH_BATCHES', 2),
    backgroundRate: int('BENCH_BACKGROUND_RATE', 50),
    reactionSamples: int('BENCH_REACTION_SAMPLES', 40),
    handoffSamples: int('BENCH_HANDOFF_SAMPLES', 20),
    curveRates: (process.env.BENCH_CURVE_RATES ?? '10,25,50,100').split(',').map((r) => {
      const n = Number(r.trim());
      if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_CURVE_RATES must be comma-separated positive integers, got "${r}"`);
      return n;
    }),
    curveSamples: int('BENCH_CURVE_SAMPLES', 8),
    curveStepMs: int('BENCH_CURVE_STEP_MS', 15_000),
    idleMs: int('BENCH_IDLE_MS', 10_000),
    canvasNodes: int('BENCH_CANVAS_NODES', 300),
    compileRuns: int('BENCH_COMPILE_RUNS', 50),
    dragMs: int('BENCH_DRAG_MS', 2000),
    blastEmails: int('BENCH_BLAST_EMAILS', 10_000),
    blastHotSamples: int('BENCH_BLAST_HOT_SAMPLES', 80),
    blastTimeoutMs: int('BENCH_BLAST_TIMEOUT_MS', 900_000),
    loopTimeoutMs: int('BENCH_LOOP_TIMEOUT_MS', 30_000),
    settleTimeoutMs: int('BENCH_SETTLE_TIMEOUT_MS', 30_000),
    drainTimeoutMs: int('BENCH_DRAIN_TIMEOUT_MS', 300_000),
  };
}
