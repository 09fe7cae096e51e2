/** Loads the active scoring rules and stage thresholds from Postgres, where marketers edit them. */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { scoringRules, settings } from '@/db/schema';
import type { ScoringRule } from '@/lib/scoring/rules';
import { DEFAULT_STAGE_THRESHOLDS, type StageThresholds } from '@/lib/scoring/stages';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function loadScoringRules(db: Db | Tx): Promise<ScoringRule[]> {
  const rows = await db.select().from(scoringRules).where(eq(scoringRules.active, true));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    eventType: r.eventType ?? undefined,
    condition: (r.condition ?? undefined) as ScoringRule['condition'],
    points: r.points,
    oncePerLead: r.oncePerLead,
    active: r.active,
  }));
}

export async function loadThresholds(db: Db | Tx): Promise<StageThresholds> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'stage_thresholds'));
  return { ...DEFAULT_STAGE_THRESHOLDS, ...((row?.value as Partial<StageThresholds> | undefined) ?? {}) };
}
