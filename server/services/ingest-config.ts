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
import { loadScoringRules, loadThresholds } from './scoring-rules';

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
 * configVersion shared by concurrent callers: every caller gets a read that started after it asked (a change committed
 * before the call is always seen), but callers arriving while a read is in flight share the next one, so a burst of
 * requests costs a couple of reads instead of one each.
 */
const reads = new Map<Db, { current: Promise<number> | null; next: Promise<number> | null }>();

export function freshConfigVersion(db: Db): Promise<number> {
  const slot = reads.get(db) ?? reads.set(db, { current: null, next: null }).get(db)!;
  if (!slot.current) {
    slot.current = configVersion(db).finally(() => {
      slot.current = null;
    });
    return slot.current;
  }
  // A read is in flight and may have started before this call: queue for the one after it.
  slot.next ??= slot.current
    .catch(() => undefined)
    .then(() => {
      slot.next = null;
      return freshConfigVersion(db);
    });
  return slot.next;
}

export async function ingestConfig(db: Db): Promise<IngestConfig> {
  // Read before loading: a change committed meanwhile is newer than this version, so the next request reloads.
  const version = await freshConfigVersion(db);
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
