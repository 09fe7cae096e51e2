/** Counts per A/B variant from what really happened: messages and their status history, and hand-offs reached afterwards. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { holdoutComparison, weightsWithHoldout } from '@/lib/ab/holdout';
import { abVerdict, sampleRatio, type AbMetric, type VariantCounts } from '@/lib/ab/verdict';
import { HOLDOUT_ARM } from '@/lib/journey/ab';
import type { Goal, JourneyDefinition, JourneyNode } from '@/lib/journey/definition';

export type ExperimentNode = Extract<JourneyNode, { kind: 'send_email' | 'ab_split' }>;

/** send_email nodes with two or more variants or a holdout, and every ab_split node, are experiments. */
export function experimentNodes(def: JourneyDefinition): ExperimentNode[] {
  return def.nodes.filter((n): n is ExperimentNode => (n.kind === 'send_email' && (n.config.variants.length >= 2 || (n.config.holdoutPercent ?? 0) > 0)) || n.kind === 'ab_split');
}

/** The arm an email without variants is counted in, when only a holdout makes it an experiment. */
export const SINGLE_ARM = 'email';

export function holdoutPercent(node: ExperimentNode): number {
  return node.kind === 'send_email' ? (node.config.holdoutPercent ?? 0) : 0;
}

export function nodeVariants(node: ExperimentNode): { id: string; label: string; weight: number; subject?: string; template?: string }[] {
  if (node.kind === 'ab_split') return node.config.variants.map((v) => ({ id: v.id, label: v.label || v.id, weight: v.weight }));
  if (node.config.variants.length === 0) return [{ id: SINGLE_ARM, label: `${SINGLE_ARM}: ${node.config.template}`, weight: 100 }];
  return node.config.variants.map((v) => ({ id: v.id, label: v.subject ? `${v.id}: ${v.subject}` : v.template ? `${v.id}: ${v.template}` : v.id, weight: v.weight, subject: v.subject, template: v.template }));
}

type Row = { variant: string | null; sent: number; delivered: number; opened: number; clicked: number; converted: number };

// A later status implies the earlier ones (a click was opened, an open was delivered) even when a webhook went missing.
const has = (alias: string, ...statuses: string[]) =>
  sql.raw(`(${alias}.status in (${statuses.map((s) => `'${s}'`).join(',')}) or ${statuses.map((s) => `${alias}.status_history @> '[{"status":"${s}"}]'`).join(' or ')})`);
const SENT = sql.raw(`m.provider_id is not null`);

/** One row per message of the node; converted = the run met the journey's goal after the message (no goal: reached a hand-off). */
async function sendEmailCounts(db: Db, journeyId: string, nodeId: string, goal: boolean): Promise<Row[]> {
  return db.execute<Row>(sql`
    select coalesce(m.variant, ${SINGLE_ARM}) as variant,
      count(*) filter (where ${SENT})::int as sent,
      count(*) filter (where ${SENT} and ${has('m', 'delivered', 'opened', 'clicked')})::int as delivered,
      count(*) filter (where ${SENT} and ${has('m', 'opened', 'clicked')})::int as opened,
      count(*) filter (where ${SENT} and ${has('m', 'clicked')})::int as clicked,
      count(*) filter (where ${SENT} and ${goal ? sql`r.goal_reached_at >= m.created_at` : sql`exists (
        select 1 from journey_steps s where s.workflow_id = m.workflow_id and s.kind = 'handoff' and s.at >= m.created_at)`})::int as converted
    from messages m
    join journey_runs r on r.workflow_id = m.workflow_id
    where r.journey_id = ${journeyId} and m.node_id = ${nodeId} and m.kind = 'marketing'
    group by 1`);
}

/** One row per lead assigned to an arm; its engagement is any marketing email it got later in the same run. */
async function abSplitCounts(db: Db, journeyId: string, nodeId: string, goal: boolean): Promise<Row[]> {
  const later = (cond: ReturnType<typeof sql.raw> | null) => sql`exists (
    select 1 from messages m where m.workflow_id = a.workflow_id and m.kind = 'marketing' and ${SENT} and m.created_at >= a.at ${cond ? sql`and ${cond}` : sql``})`;
  return db.execute<Row>(sql`
    with a as (
      select distinct on (s.workflow_id) s.workflow_id, s.detail->>'variant' as variant, s.at
      from journey_steps s
      where s.journey_id = ${journeyId} and s.node_id = ${nodeId} and s.kind = 'ab_split' and s.detail ? 'variant'
      order by s.workflow_id, s.at)
    select a.variant,
      count(*)::int as sent,
      count(*) filter (where ${later(has('m', 'delivered', 'opened', 'clicked'))})::int as delivered,
      count(*) filter (where ${later(has('m', 'opened', 'clicked'))})::int as opened,
      count(*) filter (where ${later(has('m', 'clicked'))})::int as clicked,
      count(*) filter (where ${goal ? sql`exists (
        select 1 from journey_runs r where r.workflow_id = a.workflow_id and r.goal_reached_at >= a.at)` : sql`exists (
        select 1 from journey_steps h where h.workflow_id = a.workflow_id and h.kind = 'handoff' and h.at >= a.at)`})::int as converted
    from a group by a.variant`);
}

/** The journey's goal, if it has one: conversions are counted against it. */
export function journeyGoal(def: JourneyDefinition): Goal | undefined {
  const trigger = def.nodes.find((n) => n.kind === 'trigger');
  return trigger?.kind === 'trigger' ? trigger.config.goal : undefined;
}

/** Counts for every configured variant (zeros when nothing was sent yet), in the node's order: the first is the control. */
export async function variantCounts(db: Db, journeyId: string, node: ExperimentNode, goal = false): Promise<VariantCounts[]> {
  const rows = node.kind === 'ab_split' ? await abSplitCounts(db, journeyId, node.id, goal) : await sendEmailCounts(db, journeyId, node.id, goal);
  const byVariant = new Map([...rows].map((r) => [r.variant, r]));
  return nodeVariants(node).map((v) => {
    const r = byVariant.get(v.id);
    return { id: v.id, label: v.label, sent: r?.sent ?? 0, delivered: r?.delivered ?? 0, opened: r?.opened ?? 0, clicked: r?.clicked ?? 0, converted: r?.converted ?? 0 };
  });
}

/** The holdout arm of a send_email node: leads the step held back, and how many converted afterwards (the goal, else a hand-off); null without a holdout. */
export async function holdoutCounts(db: Db, journeyId: string, node: ExperimentNode, goal = false): Promise<VariantCounts | null> {
  if (holdoutPercent(node) <= 0) return null;
  const rows = await db.execute<{ leads: number; converted: number }>(sql`
    with a as (
      select distinct on (s.workflow_id) s.workflow_id, s.at
      from journey_steps s
      where s.journey_id = ${journeyId} and s.node_id = ${node.id} and s.kind = 'send_email' and s.detail->>'holdout' = 'true'
      order by s.workflow_id, s.at)
    select count(*)::int as leads,
      count(*) filter (where ${goal ? sql`exists (select 1 from journey_runs r where r.workflow_id = a.workflow_id and r.goal_reached_at >= a.at)` : sql`exists (
        select 1 from journey_steps h where h.workflow_id = a.workflow_id and h.kind = 'handoff' and h.at >= a.at)`})::int as converted
    from a`);
  const r = rows[0];
  return { id: HOLDOUT_ARM, label: 'Holdout (no email)', sent: r?.leads ?? 0, delivered: 0, opened: 0, clicked: 0, converted: r?.converted ?? 0 };
}

/**
 * One node's verdict as the A/B panel and the auto-winner runner both see it. A concluded test (one variant takes
 * everything) skips the sample-ratio check; with a holdout the split is checked with the holdout as its own arm.
 */
export async function experimentVerdict(db: Db, journeyId: string, node: ExperimentNode, opts: { goal: boolean; metric: AbMetric; alpha?: number; concluded: boolean }) {
  const [counts, holdout] = await Promise.all([variantCounts(db, journeyId, node, opts.goal), holdoutCounts(db, journeyId, node, opts.goal)]);
  const weights = Object.fromEntries(nodeVariants(node).map((v) => [v.id, v.weight]));
  const verdict = abVerdict(counts, { metric: opts.metric, alpha: opts.alpha, weights: opts.concluded || holdout ? undefined : weights });
  return {
    weights,
    verdict: holdout && !opts.concluded ? { ...verdict, srm: sampleRatio([...counts, holdout], weightsWithHoldout(weights, holdoutPercent(node), HOLDOUT_ARM)) } : verdict,
    holdout: holdout ? { ...holdout, comparison: holdoutComparison(counts, holdout, holdoutPercent(node)) } : null,
  };
}
