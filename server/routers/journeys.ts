/** Journeys: the list, the editable draft (optimistic concurrency by revision), publishing, versions, the live overlay and the simulator. */
import { TRPCError } from '@trpc/server';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { journeys, journeyVersions } from '@/db/schema';
import { journeyTemplateKeys, listTemplates } from '@/server/services/email-templates';
import { compileJourney } from '@/lib/journey/compiler';
import { defaultJourneyGraph } from '@/lib/journey/default-journey';
import { BUILT_IN_EVENT_TYPES, journeyDefinitionSchema, type JourneyDefinition } from '@/lib/journey/definition';
import { simulateJourney } from '@/lib/journey/engine/simulate';
import { canvasGraphSchema, defaultConfig, type DraftCanvasGraph } from '@/lib/journey/graph';
import { fitPoints, pointsForEvent } from '@/lib/scoring/evaluate';
import { stageFor } from '@/lib/scoring/stages';
import { getVersion, listVersions, restoreVersion, reviewPublish, runningLeads, unarchiveJourney, unpublishedChanges } from '@/server/services/journey-versions';
import { journeyOverlay } from '@/server/services/journey-overlay';
import { publishJourney } from '@/server/services/publish-journey';
import { loadScoringRules, loadThresholds } from '@/lib/scoring/load-rules';
import { loadJourneySettings } from '@/lib/journey/settings';
import { notFound, protectedProcedure, router, type Context } from '@/server/trpc';

const idInput = z.object({ id: z.string().uuid() });
const nameSchema = z.string().trim().min(1).max(200);
const DAY_MS = 86_400_000;

function blankGraph(): DraftCanvasGraph {
  return { nodes: [{ id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { label: 'Lead captured', config: defaultConfig('trigger') } }], edges: [] };
}

async function loadJourney(ctx: Context, id: string) {
  const [journey] = await ctx.db.select().from(journeys).where(eq(journeys.id, id));
  return journey ?? notFound('journey');
}

async function simulationContext(ctx: Context) {
  const [rules, thresholds] = await Promise.all([loadScoringRules(ctx.db), loadThresholds(ctx.db)]);
  return { rules, thresholds };
}

const simulateInput = z
  .object({
    id: z.string().uuid().optional(),
    graph: canvasGraphSchema.optional(),
    lead: z
      .object({
        firstName: z.string().max(100).optional(),
        jobTitle: z.string().max(200).optional(),
        companySize: z.number().int().min(0).optional(),
        company: z.string().max(200).optional(),
      })
      .default({}),
    events: z.array(z.object({ type: z.string().trim().min(1).max(100), atMs: z.number().int().min(0) })).max(100),
    horizonDays: z.number().min(0).max(365).default(30),
  })
  .refine((v) => v.id !== undefined || v.graph !== undefined, { message: 'Give a journey id or a graph' });

export const journeysRouter = router({
  list: protectedProcedure.input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false })).query(async ({ ctx, input }) => {
    const rows = await ctx.db
      .select({
        id: journeys.id,
        name: journeys.name,
        status: journeys.status,
        publishedVersion: journeys.publishedVersion,
        isDefault: journeys.isDefault,
        updatedAt: journeys.updatedAt,
        draftGraph: journeys.draftGraph,
      })
      .from(journeys)
      .where(input.includeArchived ? undefined : ne(journeys.status, 'archived'))
      .orderBy(desc(journeys.updatedAt));
    const ids = rows.map((r) => r.id);
    const [running, unpublished] = await Promise.all([runningLeads(ctx.db, ids), unpublishedChanges(ctx.db, rows)]);
    return rows.map(({ draftGraph: _graph, ...r }) => ({ ...r, leadsRunning: running.get(r.id) ?? 0, unpublishedChanges: unpublished.get(r.id) ?? false }));
  }),

  get: protectedProcedure.input(idInput).query(async ({ ctx, input }) => {
    const journey = await loadJourney(ctx, input.id);
    const versions = await ctx.db
      .select({ version: journeyVersions.version, publishedAt: journeyVersions.publishedAt })
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, input.id))
      .orderBy(desc(journeyVersions.version));
    const parsed = canvasGraphSchema.safeParse(journey.draftGraph);
    const rules = await loadScoringRules(ctx.db);
    const ruleEvents = rules.flatMap((r) => (r.kind === 'event' && r.eventType ? [r.eventType] : []));
    const live = journey.publishedVersion === null ? null : await getVersion(ctx.db, input.id, journey.publishedVersion);
    return {
      liveGraph: live?.graph ?? null,
      leadsRunning: (await runningLeads(ctx.db, [input.id])).get(input.id) ?? 0,
      id: journey.id,
      name: journey.name,
      status: journey.status,
      publishedVersion: journey.publishedVersion,
      revision: journey.draftRevision,
      graph: parsed.success ? parsed.data : blankGraph(),
      updatedAt: journey.updatedAt,
      versions,
      scoringRules: rules,
      templates: (await listTemplates(ctx.db)).map(({ key, label, kind }) => ({ key, label, kind })),
      eventTypes: [...new Set<string>([...BUILT_IN_EVENT_TYPES, ...ruleEvents])],
    };
  }),

  create: protectedProcedure
    .input(z.object({ name: nameSchema, from: z.union([z.literal('blank'), z.literal('default'), z.string().uuid()]).default('blank') }))
    .mutation(async ({ ctx, input }) => {
      let graph: unknown;
      if (input.from === 'blank') graph = blankGraph();
      else if (input.from === 'default') graph = defaultJourneyGraph();
      else graph = (await loadJourney(ctx, input.from)).draftGraph;
      const [created] = await ctx.db.insert(journeys).values({ name: input.name, draftGraph: graph }).returning({ id: journeys.id });
      return { id: created!.id };
    }),

  duplicate: protectedProcedure.input(idInput.extend({ name: nameSchema.optional() })).mutation(async ({ ctx, input }) => {
    const source = await loadJourney(ctx, input.id);
    const [created] = await ctx.db
      .insert(journeys)
      .values({ name: input.name ?? `Copy of ${source.name}`.slice(0, 200), draftGraph: source.draftGraph })
      .returning({ id: journeys.id });
    return { id: created!.id };
  }),

  rename: protectedProcedure.input(idInput.extend({ name: nameSchema })).mutation(async ({ ctx, input }) => {
    const [row] = await ctx.db.update(journeys).set({ name: input.name, updatedAt: new Date() }).where(eq(journeys.id, input.id)).returning({ id: journeys.id });
    if (!row) notFound('journey');
    return { id: row.id, name: input.name };
  }),

  archive: protectedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const [row] = await ctx.db.update(journeys).set({ status: 'archived', updatedAt: new Date() }).where(eq(journeys.id, input.id)).returning({ id: journeys.id });
    if (!row) notFound('journey');
    return { id: row.id };
  }),

  /** Compare-and-set on the revision: a stale tab gets CONFLICT instead of overwriting a newer draft. */
  saveDraft: protectedProcedure
    .input(idInput.extend({ graph: canvasGraphSchema, baseRevision: z.number().int().min(0) }))
    .mutation(async ({ ctx, input }) => {
      const [row] = await ctx.db
        .update(journeys)
        .set({ draftGraph: input.graph, draftRevision: sql`${journeys.draftRevision} + 1`, updatedAt: new Date() })
        .where(and(eq(journeys.id, input.id), eq(journeys.draftRevision, input.baseRevision)))
        .returning({ revision: journeys.draftRevision, updatedAt: journeys.updatedAt });
      if (row) return row;
      const current = await loadJourney(ctx, input.id);
      throw new TRPCError({
        code: 'CONFLICT',
        message: `This draft changed in another tab (revision ${current.draftRevision}, you edited ${input.baseRevision}) — reload to get the latest`,
      });
    }),

  publish: protectedProcedure.input(idInput.extend({ acceptWarnings: z.boolean().default(false) })).mutation(async ({ ctx, input }) => {
    await loadJourney(ctx, input.id);
    return publishJourney(ctx.db, input.id, { acceptWarnings: input.acceptWarnings });
  }),

  versions: protectedProcedure.input(idInput).query(async ({ ctx, input }) => {
    await loadJourney(ctx, input.id);
    return listVersions(ctx.db, input.id);
  }),

  /** What publishing now would change: steps, fields before → after, connections, and the leads staying on the old version. */
  reviewPublish: protectedProcedure.input(idInput).query(async ({ ctx, input }) => (await reviewPublish(ctx.db, input.id)) ?? notFound('journey')),

  version: protectedProcedure
    .input(idInput.extend({ version: z.number().int().min(1), compareTo: z.number().int().min(1).optional() }))
    .query(async ({ ctx, input }) => (await getVersion(ctx.db, input.id, input.version, input.compareTo)) ?? notFound('version')),

  restoreVersion: protectedProcedure
    .input(idInput.extend({ version: z.number().int().min(1) }))
    .mutation(async ({ ctx, input }) => (await restoreVersion(ctx.db, input.id, input.version)) ?? notFound('version')),

  unarchive: protectedProcedure.input(idInput).mutation(async ({ ctx, input }) => (await unarchiveJourney(ctx.db, input.id)) ?? notFound('archived journey')),

  /** Per node of the published version: who is waiting there, who passed, emails sent, conversions; and the goal's total. */
  overlay: protectedProcedure.input(idInput).query(async ({ ctx, input }) => {
    const journey = await loadJourney(ctx, input.id);
    return journeyOverlay(ctx.db, input.id, journey.publishedVersion);
  }),

  /** Runs the real interpreter on a virtual clock with the workspace's scoring rules; nothing is sent or stored. */
  simulate: protectedProcedure.input(simulateInput).mutation(async ({ ctx, input }) => {
    let definition: JourneyDefinition | null = null;
    const { rules, thresholds } = await simulationContext(ctx);
    if (input.graph) {
      const name = input.id ? (await loadJourney(ctx, input.id)).name : 'Simulation';
      const compiled = compileJourney(input.graph, { name, scoringRules: rules, knownTemplates: await journeyTemplateKeys(ctx.db) });
      if (!compiled.definition || compiled.problems.length > 0) return { ok: false as const, problems: compiled.problems };
      definition = compiled.definition;
    } else if (input.id) {
      const journey = await loadJourney(ctx, input.id);
      if (journey.publishedVersion !== null) {
        const [v] = await ctx.db
          .select()
          .from(journeyVersions)
          .where(and(eq(journeyVersions.journeyId, input.id), eq(journeyVersions.version, journey.publishedVersion)));
        definition = v ? journeyDefinitionSchema.parse(v.definition) : null;
      }
      if (!definition) {
        const compiled = compileJourney(canvasGraphSchema.parse(journey.draftGraph), { name: journey.name, scoringRules: rules, knownTemplates: await journeyTemplateKeys(ctx.db) });
        if (!compiled.definition || compiled.problems.length > 0) return { ok: false as const, problems: compiled.problems };
        definition = compiled.definition;
      }
    }
    if (!definition) notFound('journey');
    const fit = fitPoints(rules, input.lead).points;
    const { maxEmailsPer24h } = await loadJourneySettings(ctx.db);
    const result = await simulateJourney(definition, {
      maxEmailsPer24h,
      lead: { ...input.lead, score: fit },
      events: input.events,
      horizonMs: input.horizonDays * DAY_MS,
      scoreEvent: (type, prior) => pointsForEvent(rules, { type }, prior).points,
      stageFor: (score) => stageFor(score, thresholds),
      hotAt: thresholds.hot,
      journeyId: input.id,
    });
    return {
      ok: true as const,
      fitPoints: fit,
      outcome: result.outcome,
      error: result.error ?? null,
      timeline: result.timeline,
      // The steps' nodes, so the panel can say each step by its name.
      nodes: Object.fromEntries(definition.nodes.filter((n) => result.timeline.some((t) => t.nodeId === n.id)).map((n) => [n.id, n])),
      sendingLimit: maxEmailsPer24h,
      events: result.events,
      finalScore: result.state.score,
      finalStage: result.state.stage,
      path: [...new Set(result.timeline.map((t) => t.nodeId))],
    };
  }),
});

export type { NodeOverlay } from '@/server/services/journey-overlay';
