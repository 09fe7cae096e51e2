/** One sentence per recorded journey step, in a marketer's words; the lead timeline and Simulate both speak through it. */
import type { JourneyNode } from './definition';
import { NODE_KIND_LABELS } from './graph';
import { eventTitle } from './words';

export interface StepRecord {
  nodeId: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface SentenceOptions {
  /** The step's node in the version the run follows; its label is the step's name. */
  node?: JourneyNode | null;
  /** An ISO moment as the reader should see it ("tomorrow 09:15", "day 2, 09:15"). */
  when: (iso: string) => string;
  /** The sending limit in force (marketing emails per lead per 24 h), for deferrals. */
  sendingLimit?: number | null;
  /** The journey's name, for sentences about the journey itself ("Left Webinar follow-up — goal reached: …"). */
  journey?: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function stepName(step: Pick<StepRecord, 'nodeId' | 'kind'>, node?: JourneyNode | null): string {
  const label = node?.label?.trim();
  if (label) return label;
  const kind = step.kind in NODE_KIND_LABELS ? NODE_KIND_LABELS[step.kind as keyof typeof NODE_KIND_LABELS] : step.kind;
  return `${kind} (${step.nodeId})`;
}

/** The label a branching node gives the output it took: a score range's label, a variant's label, yes/no. */
function outputLabel(node: JourneyNode | null | undefined, output: string): string {
  if (node?.kind === 'score_branch') return node.config.ranges.find((r) => r.output === output)?.label || output;
  if (node?.kind === 'ab_split') return node.config.variants.find((v) => v.id === output)?.label || output;
  if (output === 'true') return 'yes';
  if (output === 'false') return 'no';
  return output;
}

const SKIP_REASONS: Readonly<Record<string, string>> = {
  once_per_lead: 'it goes once per lead and this lead already had it',
  already_sent: 'an earlier attempt of this step already sent it',
  unsubscribed: 'the lead unsubscribed',
  suppressed: 'the address is on the suppression list (bounced or complained)',
  archived: 'the lead is archived',
};

function emailSentence(name: string, phase: string | null, d: Record<string, unknown>, opts: SentenceOptions): string {
  if (phase === 'deferred') {
    const until = str(d.deferredUntil);
    const limit = num(opts.sendingLimit);
    const rule = `sending limit${limit !== null ? ` ${limit}` : ''} per 24 h${d.acrossJourneys === true ? ' across all journeys' : ''}`;
    return `${name} deferred${until ? ` until ${opts.when(until)}` : ''} — ${rule}`;
  }
  if (phase === 'failed') return `${name} could not be sent: ${str(d.error) ?? 'unknown error'}`;
  if (d.holdout === true) return `${name} held back — the lead is in this step's holdout group, so it gets no email here`;
  const skipped = str(d.skipped) ?? (d.status === 'skipped' ? (str(d.reason) ?? 'unknown') : null);
  if (skipped) return `${name} not sent — ${SKIP_REASONS[skipped] ?? skipped.replace(/_/g, ' ')}`;
  const variant = str(d.variant);
  const subject = str(d.subject);
  return `Sent ${name}${variant ? `, variant ${variant}` : ''}${subject ? ` (“${subject}”)` : ''}`;
}

function waitSentence(step: StepRecord, name: string, phase: string | null, d: Record<string, unknown>, opts: SentenceOptions): string {
  const until = str(d.until);
  if (phase === 'entered') {
    const types = Array.isArray(d.eventTypes) ? d.eventTypes.filter((t): t is string => typeof t === 'string') : [];
    if (step.kind === 'wait') return `${name}: waiting${until ? ` until ${opts.when(until)}` : ''}`;
    const what = types.length ? types.map((t) => lower(eventTitle(t))).join(' or ') : 'any activity';
    return `${name}: waiting for ${what}${until ? ` until ${opts.when(until)}` : ''}`;
  }
  const output = str(d.output);
  if (step.kind === 'wait' || output === 'next') return `${name}: wait over`;
  if (output === 'timeout') return `${name}: no activity in time — moved on`;
  const last = str(d.lastAction);
  const score = num(d.score);
  const facts = [last && `last action: ${lower(eventTitle(last))}`, score !== null && `score ${score}`].filter(Boolean).join(', ');
  return `${name}: the lead acted${facts ? ` (${facts})` : ''}`;
}

function updateSentence(name: string, d: Record<string, unknown>): string {
  const stage = str(d.stage);
  const lifecycle = str(d.lifecycle);
  const tags = Array.isArray(d.addTags) ? d.addTags.filter((t): t is string => typeof t === 'string') : [];
  const changes = [stage && `stage → ${stage}`, lifecycle && `lifecycle → ${lifecycle.toUpperCase()}`, tags.length > 0 && `tagged ${tags.map((t) => `#${t}`).join(' ')}`].filter(Boolean);
  return `${name}: ${changes.length ? changes.join(', ') : 'nothing to change'}`;
}

const hostOf = (url: string | null) => {
  if (!url) return 'the webhook';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** e.g. "Email C: Case study deferred until tomorrow 09:15 — sending limit 3 per 24 h". */
export function stepSentence(step: StepRecord, opts: SentenceOptions): string {
  const d = step.detail ?? {};
  const phase = str(d.phase);
  const node = opts.node;
  const name = stepName(step, node);
  switch (step.kind) {
    case 'trigger':
      return d.on === 'event' && node?.kind === 'trigger' && node.config.on === 'event'
        ? `Entered the journey: ${lower(eventTitle(node.config.eventType))}`
        : d.on === 'event'
          ? 'Entered the journey on an event'
          : 'Entered the journey when captured';
    case 'score_branch': {
      const output = str(d.output) ?? 'next';
      const score = num(d.score);
      const facts = [score !== null && `score ${score}`, str(d.stage)].filter(Boolean).join(', ');
      const fallback = d.matched === false ? '; no range matched, so the last one' : '';
      return `${name}: went to “${outputLabel(node, output)}”${facts ? ` (${facts}${fallback})` : fallback ? ` (${fallback.slice(2)})` : ''}`;
    }
    case 'condition':
      return `${name}: ${outputLabel(node, str(d.output) ?? '')}`;
    case 'ab_split': {
      const variant = str(d.variant) ?? str(d.output) ?? '?';
      if (d.holdout === true) return `${name}: put in the holdout group`;
      return `${name}: assigned to variant ${outputLabel(node, variant)}`;
    }
    case 'send_email':
      return emailSentence(name, phase, d, opts);
    case 'wait':
    case 'wait_for_event':
      return waitSentence(step, name, phase, d, opts);
    case 'handoff': {
      const sla = num(d.slaMinutes);
      return d.created === false
        ? `${name}: the lead's open hand-off carries on (no second page)`
        : `${name}: handed to sales${sla !== null ? ` — SLA ${sla} min` : ''}`;
    }
    case 'update_lead':
      return updateSentence(name, d);
    case 'webhook': {
      const host = hostOf(str(d.url));
      return phase === 'failed' ? `${name}: ${host} could not be reached — ${str(d.error) ?? 'unknown error'}` : `${name}: ${host} answered ${num(d.status) ?? '?'}`;
    }
    case 'goal': {
      const reason = str(d.reason);
      return `Left ${opts.journey ?? 'the journey'} — goal reached${reason ? `: ${reason}` : ''}`;
    }
    case 'exit':
      return d.archive === true ? `${name}: left the journey and was archived` : `${name}: finished the journey`;
    default:
      return `${name}${phase ? `: ${phase}` : ''}`;
  }
}
