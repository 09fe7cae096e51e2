/**
 * The background loops that drain the event inbox, one per partition of leads: woken by every accept in this process,
 * and polling on a slow timer for what other (or crashed) processes left, so events accepted before a restart are
 * applied after it.
 */
import type { Db } from '@/db/client';
import { log } from '@/lib/log';
import { inboxDepth } from './event-inbox';
import { applyInboxOnce, INBOX_PARTITIONS, waitingPartitions } from './inbox-apply';

export interface InboxApplierOptions {
  /** Events per applying transaction. */
  batch?: number;
  /** Poll interval when nothing woke the loop (another process's accepts, a restart). */
  pollMs?: number;
  /** Called with the outbox rows each batch wrote that should go to Temporal now, once it committed. */
  onCommitted?: (outboxIds: number[]) => void;
  /** Events per bulk batch while `accepting` calls are in flight, and the pause after each. */
  pacedBatch?: number;
  pacedPauseMs?: number;
  /** A batch of more events than this delivers only its hand-off starts itself; the worker's relay poll takes the journeys' signals. */
  inlineDeliveryMax?: number;
}

export interface InboxApplier {
  /** Something was accepted: apply it soon. */
  wake(): void;
  /** Runs an accept; while any run, the backlog is applied in smaller, paced batches so the accepts answer first. */
  accepting<T>(fn: () => Promise<T>): Promise<T>;
  /** The last known inbox depth (an upper bound), refreshed while the loop runs. */
  depth(): number;
  /** Adds events this process just accepted to the known depth, so backpressure sees them before the next refresh. */
  added(n: number): void;
  /** Resolves once the loop has found the inbox empty (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

export function createInboxApplier(db: Db, opts: InboxApplierOptions = {}): InboxApplier {
  const batch = opts.batch ?? 1000;
  const pollMs = opts.pollMs ?? 1000;
  const pacedBatch = opts.pacedBatch ?? 200;
  const pacedPauseMs = opts.pacedPauseMs ?? 50;
  const inlineDeliveryMax = opts.inlineDeliveryMax ?? 100;
  // One loop per partition of leads: each drains its own partition, so a slow batch holds back only its own leads.
  const loops = Array.from({ length: INBOX_PARTITIONS }, (_, partition) => ({ partition, running: null as Promise<void> | null, again: false, aloneFailures: 0 }));
  let depth = 0;
  let stopped = false;
  let acceptsInFlight = 0;

  async function loop(state: (typeof loops)[number]): Promise<void> {
    for (;;) {
      state.again = false;
      let outcome;
      // A flood being accepted: the accept path answers first, the backlog is applied in smaller bites between its requests.
      const paced = acceptsInFlight > 0;
      // After a failed batch, one event at a time until one succeeds: a bad row must not hold every lead's events back.
      const alone = state.aloneFailures > 0;
      try {
        outcome = await applyInboxOnce(db, alone ? 1 : batch, {
          partition: state.partition,
          bulkLimit: alone ? 1 : paced ? pacedBatch : batch,
          ...(alone ? { aloneAttempt: state.aloneFailures } : {}),
        });
        state.aloneFailures = 0;
      } catch (err) {
        // The batch rolled back and stays in the inbox; the poll tries it again.
        log('inbox').error({ err, partition: state.partition }, 'applying the event inbox failed; retrying on the next poll');
        state.aloneFailures++;
        return;
      }
      if (outcome.dropped.length) log('inbox').warn({ dropped: outcome.dropped.slice(0, 5), count: outcome.dropped.length }, 'inbox events no longer valid when applied');
      if (outcome.deadLettered.length) log('inbox').error({ deadLettered: outcome.deadLettered }, 'inbox event refused by Postgres: moved to event_inbox_dead');
      // Small batches (live traffic) go to Temporal now; a backlog's journey signals go through the worker's relay, off this process.
      const now = outcome.applied <= inlineDeliveryMax ? outcome.outboxIds : outcome.handoffOutboxIds;
      if (now.length) opts.onCommitted?.(now);
      if (!outcome.ran) {
        // Another process is applying this partition; the poll looks again.
        depth = await inboxDepth(db).catch(() => depth);
        return;
      }
      const taken = outcome.applied + outcome.dropped.length + outcome.deadLettered.length;
      if (taken < (outcome.hot ? 1 : paced ? pacedBatch : batch)) {
        depth = await inboxDepth(db).catch(() => depth);
        if ((depth === 0 || taken === 0) && !state.again) return;
      } else depth = Math.max(0, depth - taken);
      if (stopped) return;
      // The pause is per partition; the partitions together take about what one applier took between accepts.
      if (paced && !outcome.hot) await new Promise((r) => setTimeout(r, pacedPauseMs * INBOX_PARTITIONS));
    }
  }

  function wakeLoop(state: (typeof loops)[number]): void {
    if (stopped) return;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = loop(state).finally(() => {
      state.running = null;
      if (state.again) wakeLoop(state);
    });
  }

  let scanning: Promise<void> | null = null;
  let rescan = false;
  // One cheap read finds the partitions with waiting events, so an accept does not open a transaction in each partition.
  function wake(): void {
    if (stopped) return;
    if (scanning) {
      rescan = true;
      return;
    }
    scanning = waitingPartitions(db)
      .then(
        (partitions) => {
          // Nothing waiting anywhere: the known depth (which backpressure reads) is zero now.
          if (partitions.length === 0) depth = 0;
          for (const p of partitions) wakeLoop(loops[p]!);
        },
        (err: unknown) => log('inbox').error({ err }, 'reading the event inbox failed; retrying on the next poll'),
      )
      .finally(() => {
        scanning = null;
        if (rescan) {
          rescan = false;
          wake();
        }
      });
  }

  const timer = setInterval(wake, pollMs);
  timer.unref();

  return {
    wake,
    async accepting(fn) {
      acceptsInFlight++;
      try {
        return await fn();
      } finally {
        acceptsInFlight--;
      }
    },
    depth: () => depth,
    added(n) {
      depth += n;
    },
    async idle() {
      for (;;) {
        const running = [scanning, ...loops.map((s) => s.running)].filter((r): r is Promise<void> => r !== null);
        if (!running.length) return;
        await Promise.all(running);
      }
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
