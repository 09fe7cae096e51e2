/** First-start data: default scoring rules, settings, two sales owners, the dev API key and the published default journey. */
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { journeys, salesOwners, scoringRules, settings } from './schema';
import { DEFAULT_JOURNEY_NAME, defaultJourneyGraph } from '@/lib/journey/default-journey';
import { DEFAULT_SCORING_RULES } from '@/lib/scoring/rules';
import { DEFAULT_STAGE_THRESHOLDS } from '@/lib/scoring/stages';
import { env } from '@/lib/env';
import { ensureApiKey } from '@/server/services/api-keys';
import { publishJourney } from '@/server/services/publish-journey';

export const SAMPLE_OWNERS = [
  { handle: 'john.doe', name: 'John Doe', email: 'john.doe@sales.leadflow.local', managerEmail: 'sales-manager@leadflow.local' },
  { handle: 'jane.smith', name: 'Jane Smith', email: 'jane.smith@sales.leadflow.local', managerEmail: 'sales-manager@leadflow.local' },
];

const DEFAULT_SETTINGS: Record<string, unknown> = {
  stage_thresholds: DEFAULT_STAGE_THRESHOLDS,
  handoff_sla: { slaMinutes: 15, escalationMinutes: 30 },
};

/** Idempotent: every part is seeded once and never overwritten, so marketers' edits survive restarts. */
/** `devApiKey: null` (production) creates no API key at all; admins make named keys on the Team page. */
export async function seedDatabase(db: Db, opts: { devApiKey: string | null }): Promise<{ defaultJourneyId: string }> {
  if (opts.devApiKey) await ensureApiKey(db, 'dev', opts.devApiKey);
  const initial = { ...DEFAULT_SETTINGS, max_emails_per_24h: env().MAX_EMAILS_PER_24H };
  for (const [key, value] of Object.entries(initial)) await db.insert(settings).values({ key, value }).onConflictDoNothing();
  await db.insert(salesOwners).values(SAMPLE_OWNERS).onConflictDoNothing();

  if ((await db.select({ id: scoringRules.id }).from(scoringRules).limit(1)).length === 0) {
    await db.insert(scoringRules).values(
      DEFAULT_SCORING_RULES.map((r) => ({
        name: r.name,
        kind: r.kind,
        eventType: r.eventType ?? null,
        condition: (r.condition as Record<string, unknown> | undefined) ?? null,
        points: r.points,
        oncePerLead: r.oncePerLead,
        active: r.active,
      })),
    );
  }

  const [existing] = await db.select({ id: journeys.id }).from(journeys).where(eq(journeys.isDefault, true));
  if (existing) return { defaultJourneyId: existing.id };
  const [journey] = await db
    .insert(journeys)
    .values({ name: DEFAULT_JOURNEY_NAME, draftGraph: defaultJourneyGraph(), isDefault: true, isTemplate: true })
    .returning({ id: journeys.id });
  const published = await publishJourney(db, journey!.id, { acceptWarnings: true });
  if (!published.ok) throw new Error(`default journey does not compile: ${published.problems.map((p) => p.message).join('; ')}`);
  return { defaultJourneyId: journey!.id };
}
