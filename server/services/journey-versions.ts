/** Publishing review and version history: human diffs, read-only versions, restore as draft, unarchive, and one count of running leads. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeyRuns, journeys, journeyVersions } from '@/db/schema';
import { isTemplateKey, TEMPLATES } from '@/lib/email/templates';
import { journeyDefinitionSchema, type JourneyDefinition } from '@/lib/journey/definition';
import { diffDefinitions, type JourneyDiff } from '@/lib/journey/diff';
import type { Text } from '@/lib/i18n/server-text';
import { canvasGraphSchema, graphToDefinition } from '@/lib/journey/graph';
import { compileDraft } from './publish-journey';

export const templateLabel = (key: string) => (isTemplateKey(key) ? TEMPLATES[key].label.replace(/\s*\([^)]*\)\s*$/, '') : key);

/** Leads still inside a journey (running or about to start), per journey: the list and the editor read this one number. */
export async function runningLeads(db: Db, journeyIds: readonly string[]): Promise<Map<string, number>> {
  if (journeyIds.length === 0) return new Map();
  const rows = await db
    .select({ journeyId: journeyRuns.journeyId, n: sql<number>`count(*)::int` })
    .from(journeyRuns)
    .where(and(inArray(journeyRuns.journeyId, [...journeyIds]), inArray(journeyRuns.status, ['running', 'starting'])))
    .groupBy(journeyRuns.journeyId);
  return new Map(rows.map((r) => [r.journeyId, r.n]));
}

async function versionRow(db: Db, journeyId: string, version: number) {
  const [row] = await db.select().from(journeyVersions).where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, version)));
  return row ?? null;
}

const parseDef = (raw: unknown): JourneyDefinition | null => {
  const parsed = journeyDefinitionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};

/** The draft read as a definition without compiling, so a half-edited draft still compares. */
function draftDefinition(raw: unknown): JourneyDefinition | null {
  const parsed = canvasGraphSchema.safeParse(raw);
  return parsed.success ? graphToDefinition(parsed.data, 'draft') : null;
}

/** Whether each journey's draft differs from what is live (a never-published journey with steps counts as unpublished). */
export async function unpublishedChanges(db: Db, rows: readonly { id: string; draftGraph: unknown; publishedVersion: number | null }[]): Promise<Map<string, boolean>> {
  const live = rows.filter((r) => r.publishedVersion !== null);
  const defs = live.length
    ? await db
        .select({ journeyId: journeyVersions.journeyId, version: journeyVersions.version, definition: journeyVersions.definition })
        .from(journeyVersions)
        .where(inArray(journeyVersions.journeyId, live.map((r) => r.id)))
    : [];
  const byJourney = new Map(defs.filter((d) => rows.find((r) => r.id === d.journeyId)?.publishedVersion === d.version).map((d) => [d.journeyId, parseDef(d.definition)]));
  return new Map(
    rows.map((r) => {
      const draft = draftDefinition(r.draftGraph);
      if (!draft) return [r.id, true];
      return [r.id, r.publishedVersion === null ? true : !diffDefinitions(byJourney.get(r.id) ?? null, draft).empty];
    }),
  );
}

/** What publishing now would change, for the review dialog. */
export async function reviewPublish(db: Db, journeyId: string) {
  const [journey] = await db.select().from(journeys).where(eq(journeys.id, journeyId));
  if (!journey) return null;
  const compiled = await compileDraft(db, journeyId);
  const live = journey.publishedVersion === null ? null : parseDef((await versionRow(db, journeyId, journey.publishedVersion))?.definition);
  const next = compiled.definition ?? draftDefinition(journey.draftGraph);
  const diff: JourneyDiff = next ? diffDefinitions(live, next, templateLabel) : { steps: [], connections: [], lines: [], empty: true };
  return {
    liveVersion: journey.publishedVersion,
    nextVersion: (journey.publishedVersion ?? 0) + 1,
    diff,
    problems: compiled.problems,
    warnings: compiled.warnings,
    leadsStayingOnOld: (await runningLeads(db, [journeyId])).get(journeyId) ?? 0,
  };
}

/** A version's changes from the one before: English lines, and the same as message keys for the reader's language. */
function changesOf(prev: JourneyDefinition | null, def: JourneyDefinition | null): { changes: string[]; changeTexts: Text[] } {
  if (!def || !prev) return { changes: [], changeTexts: [] };
  const diff = diffDefinitions(prev, def, templateLabel);
  return { changes: diff.lines, changeTexts: diff.lineTexts ?? [] };
}

/** Every published version, newest first, with what it changed from the one before in words. */
export async function listVersions(db: Db, journeyId: string) {
  const rows = await db.select().from(journeyVersions).where(eq(journeyVersions.journeyId, journeyId)).orderBy(journeyVersions.version);
  const runs = await db
    .select({
      version: journeyRuns.journeyVersion,
      total: sql<number>`count(*)::int`,
      running: sql<number>`count(*) filter (where ${journeyRuns.status} in ('running', 'starting'))::int`,
    })
    .from(journeyRuns)
    .where(eq(journeyRuns.journeyId, journeyId))
    .groupBy(journeyRuns.journeyVersion);
  const runsBy = new Map(runs.map((r) => [r.version, r]));
  let prev: JourneyDefinition | null = null;
  const out = [];
  for (const row of rows) {
    const def = parseDef(row.definition);
    out.push({
      version: row.version,
      publishedAt: row.publishedAt,
      nodeCount: def?.nodes.length ?? 0,
      ...changesOf(prev, def),
      leadsTotal: runsBy.get(row.version)?.total ?? 0,
      leadsRunning: runsBy.get(row.version)?.running ?? 0,
    });
    if (def) prev = def;
  }
  return out.reverse();
}

/** One version as published: its canvas graph (read-only in the UI) and, when asked, what differs from another version; null when either is missing. */
export async function getVersion(db: Db, journeyId: string, version: number, compareTo?: number) {
  const row = await versionRow(db, journeyId, version);
  if (!row) return null;
  const graph = canvasGraphSchema.parse(row.graph);
  let compare: { version: number; diff: JourneyDiff } | null = null;
  if (compareTo !== undefined) {
    const otherRow = await versionRow(db, journeyId, compareTo);
    if (!otherRow) return null;
    const other = parseDef(otherRow.definition);
    const def = parseDef(row.definition);
    // Read as "from the older to the newer", whichever order they were picked in.
    const [from, to] = compareTo < version ? [other, def] : [def, other];
    compare = { version: compareTo, diff: to ? diffDefinitions(from, to, templateLabel) : { steps: [], connections: [], lines: [], empty: true } };
  }
  return { version: row.version, publishedAt: row.publishedAt, graph, compare };
}

/** Puts an old version's canvas back as the draft; nothing runs until it is published again. */
export async function restoreVersion(db: Db, journeyId: string, version: number) {
  const row = await versionRow(db, journeyId, version);
  if (!row) return null;
  const [updated] = await db
    .update(journeys)
    .set({ draftGraph: row.graph, draftRevision: sql`${journeys.draftRevision} + 1`, updatedAt: new Date() })
    .where(eq(journeys.id, journeyId))
    .returning({ revision: journeys.draftRevision });
  return updated ?? null;
}

/** Undoes an archive: back to published when it has a live version, else to draft. */
export async function unarchiveJourney(db: Db, journeyId: string) {
  const [row] = await db
    .update(journeys)
    .set({ status: sql`case when ${journeys.publishedVersion} is null then 'draft' else 'published' end`, updatedAt: new Date() })
    .where(and(eq(journeys.id, journeyId), eq(journeys.status, 'archived')))
    .returning({ id: journeys.id, status: journeys.status });
  return row ?? null;
}
