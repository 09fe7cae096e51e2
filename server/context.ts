/** Process-wide services for route handlers and tRPC: the database, Temporal and the outbox relay. */
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { loadJourneySettings } from '@/lib/journey/settings';
import { createInboxApplier, type InboxApplier } from './services/inbox-applier';
import { createSignalRelay, type SignalRelay } from '@/lib/outbox/signal-relay';
import { getTemporalClient } from './temporal';
import { log } from '@/lib/log';

const globalForRelay = globalThis as unknown as { leadflowRelay?: SignalRelay };

export function getRelay(): SignalRelay {
  globalForRelay.leadflowRelay ??= createSignalRelay({
    db: getDb(),
    client: getTemporalClient,
    taskQueue: env().TEMPORAL_TASK_QUEUE,
    settings: () => loadJourneySettings(getDb()),
  });
  return globalForRelay.leadflowRelay;
}

/** Delivers just-written outbox rows now; if Temporal is down the worker's poller delivers them later. */
export async function deliverNow(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    await getRelay().deliver(ids);
  } catch (err) {
    log('relay').warn({ err, rows: ids.length }, 'immediate delivery failed; the worker will retry');
  }
}

const globalForInbox = globalThis as unknown as { leadflowInboxApplier?: InboxApplier };

/** One per process; its signals go out as soon as each applied batch commits. */
export function getInboxApplier(): InboxApplier {
  globalForInbox.leadflowInboxApplier ??= createInboxApplier(getDb(), { onCommitted: (ids) => void deliverNow(ids) });
  return globalForInbox.leadflowInboxApplier;
}
