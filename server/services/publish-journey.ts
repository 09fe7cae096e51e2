/** Publishing: compile the draft, refuse on problems, store an immutable version that new leads get. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeys, journeyVersions } from '@/db/schema';
import { journeyTemplateKeys } from './email-templates';
import { compileJourney, type CompileResult } from '@/lib/journey/compiler';
import { canvasGraphSchema } from '@/lib/journey/graph';
import { loadScoringRules } from '@/lib/scoring/load-rules';

export type PublishResult =
  | { ok: true; version: number; warnings: CompileResult['warnings'] }
  | { ok: false; problems: CompileResult['problems']; warnings: CompileResult['warnings'] };

export async function compileDraft(db: Db, journeyId: string): Promise<CompileResult & { name: string }> {
  const [journey] = await db.select().from(journeys).where(eq(journeys.id, journeyId));
  if (!journey) throw new Error(`journey ${journeyId} not found`);
  const graph = canvasGraphSchema.parse(journey.draftGraph);
  const result = compileJourney(graph, { name: journey.name, scoringRules: await loadScoringRules(db), knownTemplates: await journeyTemplateKeys(db) });
  return { ...result, name: journey.name };
}

/** Warnings need an explicit acknowledgement; problems always block. */
export async function publishJourney(db: Db, journeyId: string, opts: { acceptWarnings: boolean }): Promise<PublishResult> {
  const compiled = await compileDraft(db, journeyId);
  if (!compiled.definition || compiled.problems.length > 0) return { ok: false, problems: compiled.problems, warnings: compiled.warnings };
  if (compiled.warnings.length > 0 && !opts.acceptWarnings) return { ok: false, problems: [], warnings: compiled.warnings };
  const definition = compiled.definition;
  return db.transaction(async (tx) => {
    const [locked] = await tx.execute<{ draft_graph: unknown }>(sql`select draft_graph from journeys where id = ${journeyId} for update`);
    const [{ next }] = (await tx.execute<{ next: number }>(
      sql`select coalesce(max(version), 0) + 1 as next from journey_versions where journey_id = ${journeyId}`,
    )) as unknown as [{ next: number }];
    await tx.insert(journeyVersions).values({ journeyId, version: next, definition, graph: locked!.draft_graph });
    await tx.update(journeys).set({ status: 'published', publishedVersion: next, updatedAt: new Date() }).where(eq(journeys.id, journeyId));
    return { ok: true as const, version: next, warnings: compiled.warnings };
  });
}
