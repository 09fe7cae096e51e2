/** The send_email node: once-per-lead, sticky variant, and the rolling 24 h frequency cap that defers instead of dropping. */
import { HOLDOUT_ARM, inHoldout, pickVariant } from '../../ab';
import { AB_HOLDOUT } from '../patches';
import type { InterpreterState } from '../state';
import { declaredWinner, NEXT, errorMessage, type NodeHandler } from './context';

export const DAY_MS = 86_400_000;

/**
 * When the next marketing email may go out: null if now, else the moment the oldest email that
 * keeps the rolling 24 h window full leaves it. A cap below 1 disables capping.
 */
export function capOpensAt(state: InterpreterState, now: number): number | null {
  state.emailLog = state.emailLog.filter((t) => t > now - DAY_MS).sort((a, b) => a - b);
  const max = state.maxEmailsPer24h;
  if (max < 1 || state.emailLog.length < max) return null;
  const blocking = state.emailLog[state.emailLog.length - max];
  return blocking === undefined ? null : blocking + DAY_MS;
}

export const sendEmail: NodeHandler<'send_email'> = async (ctx) => {
  const { rt, state, node } = ctx;
  const cfg = node.config;
  if (cfg.oncePerLead && state.sentNodes.includes(node.id)) {
    await ctx.record('done', { template: cfg.template, skipped: 'once_per_lead' });
    return NEXT;
  }
  // The holdout share gets no email here, so the lift of sending it can be measured; asked only where a holdout is set.
  if ((cfg.holdoutPercent ?? 0) > 0 && rt.patched(AB_HOLDOUT) && inHoldout(state.leadId, node.id, cfg.holdoutPercent)) {
    await ctx.record('done', { template: cfg.template, holdout: true, variant: HOLDOUT_ARM });
    return NEXT;
  }
  const winner = await declaredWinner(ctx, cfg.variants);
  const variant = winner ?? (cfg.variants.length > 0 ? pickVariant(state.leadId, node.id, cfg.variants) : null);

  // Loop because a deferral ends exactly when the window opens; re-checking costs nothing and
  // keeps the rule true even if the log changed (it cannot today: only this path sends).
  for (let opensAt = capOpensAt(state, rt.now()); opensAt !== null; opensAt = capOpensAt(state, rt.now())) {
    await ctx.record('deferred', { template: cfg.template, deferredUntil: new Date(opensAt).toISOString() });
    state.hopsSinceWait = 0;
    await rt.sleep(opensAt - rt.now());
  }

  const template = variant?.template ?? cfg.template;
  const detail = { template, baseTemplate: cfg.template, variant: variant?.id ?? null, subject: variant?.subject ?? null, ...(winner ? { winner: true } : {}) };
  try {
    let result;
    // The activity also counts other journeys' emails to this lead; over the cap it names when to try again.
    for (;;) {
      result = await rt.activities.sendEmail({
        idempotencyKey: ctx.key,
        workflowId: state.workflowId,
        leadId: state.leadId,
        nodeId: node.id,
        template: cfg.template,
        variant: variant ? { id: variant.id, subject: variant.subject, template: variant.template } : null,
        kind: 'marketing',
        cap: { maxPer24h: state.maxEmailsPer24h, now: new Date(rt.now()).toISOString() },
        ...(cfg.repeatAcrossJourneys ? { allowRepeat: true } : {}),
      });
      if (result.status !== 'deferred') break;
      const until = Math.max(Date.parse(result.until), rt.now() + 1_000);
      await ctx.record('deferred', { template: cfg.template, deferredUntil: new Date(until).toISOString(), acrossJourneys: true });
      state.hopsSinceWait = 0;
      await rt.sleep(until - rt.now());
    }
    if (result.status === 'sent') {
      state.emailLog.push(rt.now());
      if (!state.sentNodes.includes(node.id)) state.sentNodes.push(node.id);
      await ctx.record('done', { ...detail, status: 'sent', messageId: result.messageId });
    } else {
      // 'already_sent' means an earlier attempt of this very key went out: once-per-lead still applies.
      if (result.reason === 'already_sent' && !state.sentNodes.includes(node.id)) state.sentNodes.push(node.id);
      await ctx.record('done', { ...detail, status: 'skipped', reason: result.reason });
    }
  } catch (err) {
    if (rt.isCancellation(err)) throw err;
    // A provider failure that outlived the retry policy must not strand the lead: surface it and move on.
    await ctx.record('failed', { ...detail, error: errorMessage(err) });
  }
  return NEXT;
};
