/** A lead's journey steps with what the timeline needs to say them in words: the journey's name, the step's node, the sending limit. */
import { and, desc, eq, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeys, journeySteps, journeyVersions } from '@/db/schema';
import type { JourneyDefinition, JourneyNode } from '@/lib/journey/definition';
import { loadJourneySettings } from '@/lib/journey/settings';

/** Nodes by id for each (journey, version) asked for; a version that is gone gives no nodes, and steps fall back to their ids. */
export async function nodesByVersion(db: Db, pairs: readonly { journeyId: string; version: number }[]): Promise<Map<string, Map<string, JourneyNode>>> {
  const unique = [...new Map(pairs.map((p) => [`${p.journeyId}:${p.version}`, p])).values()];
  const out = new Map<string, Map<string, JourneyNode>>();
  if (unique.length === 0) return out;
  const rows = await db
    .select({ journeyId: journeyVersions.journeyId, version: journeyVersions.version, definition: journeyVersions.definition })
    .from(journeyVersions)
    .where(or(...unique.map((p) => and(eq(journeyVersions.journeyId, p.journeyId), eq(journeyVersions.version, p.version)))));
  for (const r of rows) {
    // Stored definitions were validated when published.
    const def = r.definition as JourneyDefinition;
    out.set(`${r.journeyId}:${r.version}`, new Map((def.nodes ?? []).map((n) => [n.id, n])));
  }
  return out;
}

export async function leadSteps(db: Db, leadId: string) {
  const rows = await db
    .select({ step: journeySteps, journeyName: journeys.name })
    .from(journeySteps)
    .leftJoin(journeys, eq(journeys.id, journeySteps.journeyId))
    .where(eq(journeySteps.leadId, leadId))
    .orderBy(desc(journeySteps.at), desc(journeySteps.id))
    .limit(200);
  const [nodes, settings] = await Promise.all([
    nodesByVersion(db, rows.map((r) => ({ journeyId: r.step.journeyId, version: r.step.journeyVersion }))),
    loadJourneySettings(db),
  ]);
  return rows.map(({ step, journeyName }) => ({
    ...step,
    journeyName: journeyName ?? 'a deleted journey',
    node: nodes.get(`${step.journeyId}:${step.journeyVersion}`)?.get(step.nodeId) ?? null,
    sendingLimit: settings.maxEmailsPer24h,
  }));
}
