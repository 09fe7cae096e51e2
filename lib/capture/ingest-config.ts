/**
 * What every capture and event ingestion reads — scoring rules, stage thresholds, hot-lane settings, published
 * journeys' triggers — cached per process and reloaded only when config_version moved: one indexed read per
 * request instead of four, full journey definitions included. Triggers bump the counter in every writer's own
 * transaction (any process, any code path), so a change is seen by the first request after it commits.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ScoringRule } from '@/lib/scoring/rules';
import type { StageThresholds } from '@/lib/scoring/stages';
import { loadHotLaneSettings, type HotLaneSettings } from './hot-lane';
import { publishedJourneys, type PublishedJourney } from '@/lib/journey/targets';
import { loadScoringRules, loadThresholds } from '@/lib/scoring/load-rules';

export interface IngestConfig {
  rules: ScoringRule[];
  thresholds: StageThresholds;
  hotLane: HotLaneSettings;
  journeys: PublishedJourney[];
}

// Keyed by database: one in production, one per test file.
const cache = new Map<Db, { version: number; value: Promise<IngestConfig> }>();

async function load(db: Db): Promise<IngestConfig> {
  const [rules, thresholds, hotLane, journeys] = await Promise.all([loadScoringRules(db), loadThresholds(db), loadHotLaneSettings(db), publishedJourneys(db)]);
  return { rules, thresholds, hotLane, journeys };
}

export async function configVersion(db: Db): Promise<number> {
  const [row] = await db.execute<{ version: string | number }>(sql`select version from config_version where id = 1`);
  // No row (a database migrated by hand): never cache.
  return row ? Number(row.version) : -1;
}

/**
 * configVersion shared by concurrent callers: every caller gets a read that started after `since` (by default, the
 * call), so a change committed before the request is always seen; callers share a read in flight that qualifies, or
 * queue together for the next one, and a request that already read the version (its API key check) reads it no more.
 */
interface VersionReads {
  current: { startedAt: number; value: Promise<number> } | null;
  next: Promise<number> | null;
  last: { startedAt: number; value: number } | null;
}
const reads = new Map<Db, VersionReads>();

function startRead(db: Db, slot: VersionReads): Promise<number> {
  const startedAt = performance.now();
  const value = configVersion(db)
    .then((v) => {
      if (!slot.last || startedAt > slot.last.startedAt) slot.last = { startedAt, value: v };
      return v;
    })
    .finally(() => {
      if (slot.current?.value === value) slot.current = null;
    });
  slot.current = { startedAt, value };
  return value;
}

export function freshConfigVersion(db: Db, since = performance.now()): Promise<number> {
  const slot = reads.get(db) ?? reads.set(db, { current: null, next: null, last: null }).get(db)!;
  if (slot.last && slot.last.startedAt >= since) return Promise.resolve(slot.last.value);
  if (slot.current && slot.current.startedAt >= since) return slot.current.value;
  if (!slot.current) return startRead(db, slot);
  // The read in flight may predate this caller: queue for the one after it, which starts after every queued caller.
  slot.next ??= slot.current.value
    .catch(() => undefined)
    .then(() => {
      slot.next = null;
      return slot.current ? slot.current.value : startRead(db, slot);
    });
  return slot.next;
}

/** `since`: the earliest moment the caller's requests arrived (performance.now()); config committed before it is seen. */
export async function ingestConfig(db: Db, since?: number): Promise<IngestConfig> {
  // Read before loading: a change committed meanwhile is newer than this version, so the next request reloads.
  const version = await freshConfigVersion(db, since);
  const hit = cache.get(db);
  if (hit && hit.version === version && version >= 0) return hit.value;
  const value = load(db);
  cache.set(db, { version, value });
  // A failed load must not be served again.
  value.catch(() => {
    if (cache.get(db)?.value === value) cache.delete(db);
  });
  return value;
}
