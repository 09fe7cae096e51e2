/** Experiments: per journey and A/B node, the variant stats with a verdict, and declaring a winner as a new published version. */
import { TRPCError } from '@trpc/server';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { journeys, journeyVersions } from '@/db/schema';
import { env } from '@/lib/env';
import { journeyDefinitionSchema } from '@/lib/journey/definition';
import { canvasGraphSchema } from '@/lib/journey/graph';
import { autoWinnerInputSchema, autoWinnerRows, setAutoWinner } from '@/server/services/ab-auto-winner';
import { experimentNodes, experimentVerdict, journeyGoal, nodeVariants } from '@/lib/ab/experiment-stats';
import { asTrpc } from '@/server/services/input-error';
import { goalText } from '@/lib/journey/goals';
import { publishJourney } from '@/server/services/publish-journey';
import { getTemporalClient } from '@/server/temporal';
import { notFound, protectedProcedure, router } from '@/server/trpc';

const metricSchema = z.enum(['opened', 'clicked', 'converted']).default('clicked');

async function publishedJourneys(db: Db, journeyId?: string) {
  return db
    .select({ id: journeys.id, name: journeys.name, version: journeyVersions.version, definition: journeyVersions.definition, graph: journeyVersions.graph, draftGraph: journeys.draftGraph, draftRevision: journeys.draftRevision })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.publishedVersion)))
    .where(and(isNotNull(journeys.publishedVersion), journeyId ? eq(journeys.id, journeyId) : sql`${journeys.status} <> 'archived'`))
    .orderBy(desc(journeys.updatedAt));
}

/** Graph equality that ignores key order and React Flow's runtime fields. */
const sameGraph = (a: unknown, b: unknown) => {
  const norm = (g: unknown) => JSON.stringify(canvasGraphSchema.parse(g), (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
  return norm(a) === norm(b);
};

export const experimentsRouter = router({
  list: protectedProcedure
    .input(z.object({ journeyId: z.string().uuid().optional(), metric: metricSchema }).default({ metric: 'clicked' }))
    .query(async ({ ctx, input }) => {
      const rows = await publishedJourneys(ctx.db, input.journeyId);
      if (input.journeyId && rows.length === 0) notFound('published journey');
      const out = [];
      const rules = await autoWinnerRows(ctx.db, rows.map((j) => j.id));
      for (const j of rows) {
        const def = journeyDefinitionSchema.safeParse(j.definition);
        if (!def.success) continue;
        const goal = journeyGoal(def.data);
        for (const node of experimentNodes(def.data)) {
          const variants = nodeVariants(node);
          const rule = rules.get(`${j.id}:${node.id}`);
          // Weights 100/0 are what declareWinner publishes; a declared auto-winner routes every new lead: either way the test is over, the numbers stay visible.
          const published = variants.length > 1 ? variants.find((v) => v.weight === 100 && variants.every((o) => o === v || o.weight === 0)) : undefined;
          const concludedWith = published?.id ?? (rule?.status === 'declared' ? rule.winner : null);
          const { weights, verdict, holdout } = await experimentVerdict(ctx.db, j.id, node, { goal: goal !== undefined, metric: input.metric, concluded: concludedWith !== null });
          out.push({
            journeyId: j.id,
            journeyName: j.name,
            version: j.version,
            nodeId: node.id,
            nodeKind: node.kind,
            nodeLabel: node.label || node.id,
            template: node.kind === 'send_email' ? node.config.template : null,
            /** What "converted" counts: the journey goal, or reaching a hand-off when it has none. */
            goal: goal ? goalText(goal) : null,
            unit: node.kind === 'ab_split' ? ('leads' as const) : ('emails' as const),
            weights,
            concludedWith,
            verdict,
            holdout,
            autoWinner: rule
              ? {
                  status: rule.status,
                  metric: rule.metric,
                  minPerVariant: rule.minPerVariant,
                  confidence: rule.confidence,
                  decideAfter: rule.decideAfter?.toISOString() ?? null,
                  winner: rule.winner,
                  winnerLabel: variants.find((v) => v.id === rule.winner)?.label ?? rule.winner,
                  pValue: rule.pValue,
                  decidedAt: rule.decidedAt?.toISOString() ?? null,
                  lastReason: rule.lastReason,
                  lastReasonText: rule.lastReasonText,
                  lastCheckedAt: rule.lastCheckedAt?.toISOString() ?? null,
                }
              : null,
          });
        }
      }
      return out;
    }),

  /** Turns the durable auto-winner on (or off) for one A/B node: metric, minimum sample per variant, confidence, optional date. */
  setAutoWinner: protectedProcedure
    .input(autoWinnerInputSchema)
    .mutation(({ ctx, input }) => asTrpc(() => setAutoWinner(ctx.db, { client: ctx.temporal ?? getTemporalClient, taskQueue: env().TEMPORAL_TASK_QUEUE }, input, ctx.user?.email ?? null))),

  /**
   * Publishes a new version whose node sends only the winner (weights 100/0, so the losers' numbers stay on record).
   * Refuses when the draft holds unpublished edits: publishing would ship them too, unreviewed.
   */
  declareWinner: protectedProcedure
    .input(z.object({ journeyId: z.string().uuid(), nodeId: z.string().min(1).max(100), variantId: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const [j] = await publishedJourneys(ctx.db, input.journeyId);
      if (!j) return notFound('published journey');
      if (!sameGraph(j.draftGraph, j.graph)) {
        throw new TRPCError({ code: 'CONFLICT', message: 'journeyId: this journey has unpublished draft changes; publish or discard them before declaring a winner' });
      }
      const graph = canvasGraphSchema.parse(j.draftGraph);
      const node = graph.nodes.find((n) => n.id === input.nodeId);
      if (!node || (node.type !== 'send_email' && node.type !== 'ab_split')) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `nodeId: "${input.nodeId}" is not an A/B email or split node of this journey` });
      }
      const config = node.data.config as { variants?: { id: string; weight: number }[] };
      const variants = config.variants ?? [];
      if (!variants.some((v) => v.id === input.variantId)) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `variantId: "${input.variantId}" is not a variant of ${input.nodeId} (${variants.map((v) => v.id).join(', ')})` });
      }
      node.data.config = { ...config, variants: variants.map((v) => ({ ...v, weight: v.id === input.variantId ? 100 : 0 })) };

      // Draft and version in one transaction: a refused publish leaves the draft as it was.
      return ctx.db.transaction(async (tx) => {
        const txDb = tx as unknown as Db;
        const [saved] = await tx
          .update(journeys)
          .set({ draftGraph: graph, draftRevision: sql`${journeys.draftRevision} + 1`, updatedAt: new Date() })
          .where(and(eq(journeys.id, j.id), eq(journeys.draftRevision, j.draftRevision)))
          .returning({ revision: journeys.draftRevision });
        if (!saved) throw new TRPCError({ code: 'CONFLICT', message: 'journeyId: the draft changed while declaring the winner; reload and try again' });
        const result = await publishJourney(txDb, j.id, { acceptWarnings: true });
        if (!result.ok) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: `journeyId: the new version does not compile: ${result.problems.map((p) => p.message).join('; ')}` });
        }
        return { version: result.version, revision: saved.revision, nodeId: input.nodeId, winner: input.variantId };
      });
    }),
});
