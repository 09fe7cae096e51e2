/** Steady background traffic (single email_open events at a fixed rate) under which the latency sections measure. */
import type { Api } from './http';
import { eventId } from './ingestion';

export interface BackgroundStats {
  sent: number;
  failed: number;
  skipped: number;
  achievedPerSec: number;
}

export interface Background {
  stop(): Promise<BackgroundStats>;
}

/** Open-loop at `rate`/s; a tick is skipped (and counted) when too many requests are already in flight. */
export function startBackground(api: Api, leadIds: string[], rate: number, maxMs: number): Background {
  const maxInFlight = 32;
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  let stopped = false;
  const started = performance.now();
  const intervalMs = 1000 / Math.max(1, rate);
  let due = started;

  const fire = () => {
    const p = api
      .post('/api/events', { event_id: eventId('bg'), lead_id: leadIds[sent % leadIds.length], type: 'email_open' })
      .then((res) => {
        if (res.status !== 202) failed++;
      })
      .catch(() => {
        failed++;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    sent++;
  };

  // setTimeout drifts under load; catch up against the schedule instead of sleeping a fixed interval.
  const loop = async () => {
    while (!stopped && performance.now() - started < maxMs) {
      const now = performance.now();
      while (due <= now) {
        if (inFlight.size >= maxInFlight) skipped++;
        else fire();
        due += intervalMs;
      }
      await new Promise((r) => setTimeout(r, Math.max(1, due - performance.now())));
    }
  };
  const running = rate > 0 && leadIds.length > 0 ? loop() : Promise.resolve();

  return {
    async stop() {
      stopped = true;
      await running;
      const elapsed = performance.now() - started;
      await Promise.allSettled([...inFlight]);
      return { sent, failed, skipped, achievedPerSec: (sent / elapsed) * 1000 };
    },
  };
}
