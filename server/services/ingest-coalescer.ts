/**
 * Group commit for single-event requests: the events concurrent requests bring to this process go into the inbox
 * together, one insert for the group instead of one per event, and each request still answers only after its own event
 * is stored (or with its own rejection). A hot event waits for at most the group ahead of it.
 */
import type { Db } from '@/db/client';
import { acceptEvents } from './event-inbox';
import type { IncomingEvent, Rejection } from './ingest-events';

export type SingleOutcome = { status: 'accepted' | 'duplicate' } | { status: 'rejected'; rejection: Rejection };

export interface CoalescerOptions {
  /** Events per group; a request arriving while the groups in flight are full waits for the next one. */
  maxGroup?: number;
  /** Groups ingested at once: two keep Postgres busy while this process builds the next one. */
  maxInFlight?: number;
  /** Called with the number of events a group stored, once it committed. */
  onCommitted?: (accepted: number) => void;
}

interface Pending {
  event: IncomingEvent;
  /** performance.now() when its request arrived. */
  arrived: number;
  resolve(outcome: SingleOutcome): void;
  reject(err: unknown): void;
}

export interface EventCoalescer {
  ingest(event: IncomingEvent, arrived?: number): Promise<SingleOutcome>;
}

export function createEventCoalescer(db: Db, opts: CoalescerOptions = {}): EventCoalescer {
  const maxGroup = opts.maxGroup ?? 200;
  const maxInFlight = opts.maxInFlight ?? 2;
  const queue: Pending[] = [];
  let inFlight = 0;

  async function run(group: Pending[]): Promise<void> {
    try {
      const result = await acceptEvents(db, group.map((p) => p.event), { since: Math.min(...group.map((p) => p.arrived)) });
      opts.onCommitted?.(result.accepted);
      const rejected = new Map(result.rejected.map((r) => [r.index, r]));
      const duplicate = new Set(result.duplicateIndexes);
      group.forEach((p, i) => {
        const r = rejected.get(i);
        p.resolve(r ? { status: 'rejected', rejection: { ...r, index: 0 } } : { status: duplicate.has(i) ? 'duplicate' : 'accepted' });
      });
    } catch (err) {
      if (group.length === 1) group[0]!.reject(err);
      // One event Postgres refuses must not fail its neighbours: each goes again alone and gets its own answer.
      else await Promise.all(group.map((p) => run([p])));
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const group = queue.splice(0, maxGroup);
      inFlight++;
      void run(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    ingest(event, arrived = performance.now()) {
      return new Promise<SingleOutcome>((resolve, reject) => {
        queue.push({ event, arrived, resolve, reject });
        pump();
      });
    },
  };
}
