/** Nodes that only choose an output: trigger, score_branch, condition, ab_split. */
import { pickVariant } from '../../ab';
import { evaluateRules } from './conditions';
import { declaredWinner, NEXT, type NodeHandler } from './context';

export const trigger: NodeHandler<'trigger'> = async (ctx) => {
  // The event that started the run is the trigger's own; later ones are pending for the first wait.
  ctx.state.eventsConsumed = ctx.state.eventsSeen;
  await ctx.record('done', { on: ctx.node.config.on });
  return NEXT;
};

export const scoreBranch: NodeHandler<'score_branch'> = async (ctx) => {
  const score = ctx.state.score;
  const range = ctx.node.config.ranges.find((r) => (r.min === null || score >= r.min) && (r.max === null || score <= r.max));
  // A score outside every range is a definition gap; the last range is the compiler's documented fallback.
  const chosen = range ?? ctx.node.config.ranges[ctx.node.config.ranges.length - 1];
  const output = chosen?.output ?? 'next';
  await ctx.record('done', { score, stage: ctx.state.stage, output, matched: range !== undefined });
  return { output };
};

export const condition: NodeHandler<'condition'> = async (ctx) => {
  const lead = await ctx.rt.activities.loadLead({ leadId: ctx.state.leadId });
  const result = evaluateRules(ctx.node.config.match, ctx.node.config.rules, lead, ctx.state);
  const output = result ? 'true' : 'false';
  await ctx.record('done', { output });
  return { output };
};

export const abSplit: NodeHandler<'ab_split'> = async (ctx) => {
  const variants = ctx.node.config.variants;
  const winner = await declaredWinner(ctx, variants);
  const variant = winner ?? pickVariant(ctx.state.leadId, ctx.node.id, variants) ?? variants[0];
  const output = variant?.id ?? 'next';
  await ctx.record('done', { variant: output, output, ...(winner ? { winner: true } : {}) });
  return { output };
};
