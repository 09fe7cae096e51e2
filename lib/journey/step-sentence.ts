/** One sentence per recorded journey step, in a marketer's words, as a message (key + params); the lead timeline and Simulate both speak through it. */
import type { JourneyNode } from './definition';
import { NODE_KIND_LABELS } from './graph';
import { eventText } from './words';
import { english, lowered, text, type Text, type TextParam } from '../i18n/server-text';
import en from '@/messages/en.json';

export interface StepRecord {
  nodeId: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface SentenceOptions {
  /** The step's node in the version the run follows; its label is the step's name. */
  node?: JourneyNode | null;
  /** An ISO moment as the reader should see it ("tomorrow 09:15", "day 2, 09:15"). */
  when: (iso: string) => TextParam;
  /** The sending limit in force (marketing emails per lead per 24 h), for deferrals. */
  sendingLimit?: number | null;
  /** The journey's name, for sentences about the journey itself ("Left Webinar follow-up — goal reached: …"). */
  journey?: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const s = (key: string, params?: Record<string, TextParam>) => text(`serverText.sentence.${key}`, params);
/** Joins parts as "a, b, c" (or with `key`'s own joiner) in every language. */
const join = (parts: TextParam[], key = 'serverText.diff.list'): TextParam => parts.reduceRight((rest, first) => text(key, { first, rest }));

const KIND_BY_LABEL = new Map(Object.entries(NODE_KIND_LABELS).map(([kind, label]) => [label, kind]));
const DEFAULT_TITLES = new Map(Object.entries(en.journeyEditor.defaultTitle).map(([key, title]) => [title, key]));

/** A stored name as a message: a kind's or the default journey's name ("Below 20") reads in the reader's language, a typed one as typed. */
export function nameText(name: string): TextParam {
  const kind = KIND_BY_LABEL.get(name.trim());
  if (kind) return text(`journeyEditor.kind.${kind}`);
  const key = DEFAULT_TITLES.get(name.trim());
  return key ? text(`journeyEditor.defaultTitle.${key}`) : name;
}

const kindText = (kind: string): TextParam => (Object.hasOwn(NODE_KIND_LABELS, kind) ? text(`journeyEditor.kind.${kind}`) : kind);

const eventLower = (type: string) => lowered(eventText(type));

/** The title the editor gives a step from its settings ("Wait 3 days"), as a message; null where it needs more than the node. */
function autoTitleText(node: JourneyNode): TextParam | null {
  switch (node.kind) {
    case 'trigger':
      return node.config.on === 'event' ? eventText(node.config.eventType) : text('journeyEditor.title.leadCaptured');
    case 'wait': {
      const d = node.config.duration;
      return text('journeyEditor.title.wait', { duration: text(`journeyEditor.duration.n${d.unit.charAt(0).toUpperCase()}${d.unit.slice(1)}`, { count: d.amount }) });
    }
    case 'wait_for_event':
      return node.config.eventTypes.length ? text('journeyEditor.title.waitFor', { events: join(node.config.eventTypes.map(eventLower), 'serverText.sentence.or') }) : text('journeyEditor.title.waitForAny');
    default:
      return null;
  }
}

/** A node's label as a message: the editor's own title or a default name in the reader's language, a typed one as typed. */
function labelText(node: JourneyNode, label: string): TextParam {
  const auto = autoTitleText(node);
  return auto !== null && english(auto) === label ? auto : nameText(label);
}

/** The step's name; `serverText.sentence.step` carries the node id so a page can word it as its canvas titles it. */
export function stepNameText(step: Pick<StepRecord, 'nodeId' | 'kind'>, node?: JourneyNode | null): Text {
  const label = node?.label?.trim();
  return s('step', { name: node && label ? labelText(node, label) : s('unnamed', { kind: kindText(step.kind), id: step.nodeId }), id: step.nodeId });
}

export function stepName(step: Pick<StepRecord, 'nodeId' | 'kind'>, node?: JourneyNode | null): string {
  return english(stepNameText(step, node));
}

/** The label a branching node gives the output it took: a score range's label, a variant's label, yes/no. */
function outputLabel(node: JourneyNode | null | undefined, output: string): TextParam {
  if (node?.kind === 'score_branch') {
    const label = node.config.ranges.find((r) => r.output === output)?.label;
    return label ? nameText(label) : output;
  }
  if (node?.kind === 'ab_split') return node.config.variants.find((v) => v.id === output)?.label || output;
  if (output === 'true') return s('yes');
  if (output === 'false') return s('no');
  return output;
}

const SKIP_REASONS = new Set(['once_per_lead', 'already_sent', 'unsubscribed', 'suppressed', 'archived']);
const STAGES = new Set(Object.keys(en.serverText.sentence.stage));
const LIFECYCLES = new Set(Object.keys(en.serverText.sentence.lifecycle));
/** A score stage's word ("engaged") in the reader's language; an unknown one as stored. */
export const stageWord = (stage: string): TextParam => (STAGES.has(stage) ? s(`stage.${stage}`) : stage);

function emailText(name: Text, phase: string | null, d: Record<string, unknown>, opts: SentenceOptions): Text {
  if (phase === 'deferred') {
    const until = str(d.deferredUntil);
    const limit = num(opts.sendingLimit);
    const across = d.acrossJourneys === true ? 'yes' : 'no';
    const rule = limit !== null ? s('limit', { limit: String(limit), across }) : s('limitAny', { across });
    return until ? s('deferredUntil', { name, until: opts.when(until), rule }) : s('deferred', { name, rule });
  }
  if (phase === 'failed') return s('emailFailed', { name, error: str(d.error) ?? s('unknownError') });
  if (d.holdout === true) return s('heldBack', { name });
  const skipped = str(d.skipped) ?? (d.status === 'skipped' ? (str(d.reason) ?? 'unknown') : null);
  if (skipped) return s('notSent', { name, reason: SKIP_REASONS.has(skipped) ? s(`skip.${skipped}`) : skipped.replace(/_/g, ' ') });
  const variant = str(d.variant);
  const subject = str(d.subject);
  if (variant && subject) return s('sentVariantSubject', { name, variant, subject });
  if (variant) return s('sentVariant', { name, variant });
  return subject ? s('sentSubject', { name, subject }) : s('sent', { name });
}

function waitText(step: StepRecord, name: Text, phase: string | null, d: Record<string, unknown>, opts: SentenceOptions): Text {
  const until = str(d.until);
  if (phase === 'entered') {
    const types = Array.isArray(d.eventTypes) ? d.eventTypes.filter((t): t is string => typeof t === 'string') : [];
    if (step.kind === 'wait') return until ? s('waitingUntil', { name, until: opts.when(until) }) : s('waiting', { name });
    const what = types.length ? join(types.map(eventLower), 'serverText.sentence.or') : s('anyActivity');
    return until ? s('waitingForUntil', { name, what, until: opts.when(until) }) : s('waitingFor', { name, what });
  }
  const output = str(d.output);
  if (step.kind === 'wait' || output === 'next') return s('waitOver', { name });
  if (output === 'timeout') return s('timedOut', { name });
  const last = str(d.lastAction);
  const score = num(d.score);
  const facts: TextParam[] = [...(last ? [s('lastAction', { action: eventLower(last) })] : []), ...(score !== null ? [s('score', { score: String(score) })] : [])];
  return facts.length ? s('actedFacts', { name, facts: join(facts) }) : s('acted', { name });
}

function updateText(name: Text, d: Record<string, unknown>): Text {
  const stage = str(d.stage);
  const lifecycle = str(d.lifecycle);
  const tags = Array.isArray(d.addTags) ? d.addTags.filter((t): t is string => typeof t === 'string') : [];
  const changes: TextParam[] = [
    ...(stage ? [s('stageTo', { stage: stageWord(stage) })] : []),
    ...(lifecycle ? [s('lifecycleTo', { lifecycle: LIFECYCLES.has(lifecycle) ? s(`lifecycle.${lifecycle}`) : lifecycle.toUpperCase() })] : []),
    ...(tags.length > 0 ? [s('tagged', { tags: tags.map((t) => `#${t}`).join(' ') })] : []),
  ];
  return s('updated', { name, changes: changes.length ? join(changes) : s('nothingToChange') });
}

const hostOf = (url: string | null): TextParam => {
  if (!url) return s('theWebhook');
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const LIFECYCLE_GOAL = new Map(Object.entries(en.serverText.goal.lifecycle).map(([id, words]) => [`Became ${words}`, id]));
const EVENT_BY_TITLE = new Map(Object.entries(en.serverText.event).map(([type, title]) => [title, type]));

/** A goal's reason as recorded (English, from goalWords) read back as a message where it is one of the presets' phrases. */
export function goalReasonText(reason: string): TextParam {
  const event = EVENT_BY_TITLE.get(reason);
  if (event && event !== 'none') return text(`serverText.event.${event}`);
  const lifecycle = LIFECYCLE_GOAL.get(reason);
  if (lifecycle) return text('serverText.goal.became', { lifecycle: text(`serverText.goal.lifecycle.${lifecycle}`) });
  const stage = /^Reached the (\w+) stage$/.exec(reason)?.[1];
  return stage ? text('serverText.goal.reachedStage', { stage: stageWord(stage) }) : reason;
}

/** e.g. "Email C: Case study deferred until tomorrow 09:15 — sending limit 3 per 24 h", as a message. */
export function stepText(step: StepRecord, opts: SentenceOptions): Text {
  const d = step.detail ?? {};
  const phase = str(d.phase);
  const node = opts.node;
  const name = stepNameText(step, node);
  switch (step.kind) {
    case 'trigger':
      return d.on === 'event' && node?.kind === 'trigger' && node.config.on === 'event'
        ? s('enteredOn', { event: eventLower(node.config.eventType) })
        : d.on === 'event'
          ? s('enteredOnEvent')
          : s('enteredCaptured');
    case 'score_branch': {
      const output = outputLabel(node, str(d.output) ?? 'next');
      const score = num(d.score);
      const stage = str(d.stage);
      const parts: TextParam[] = [...(score !== null ? [s('score', { score: String(score) })] : []), ...(stage ? [stageWord(stage)] : [])];
      const fallback = d.matched === false;
      if (parts.length === 0) return fallback ? s('branchFallback', { name, output }) : s('branch', { name, output });
      return s(fallback ? 'branchFactsFallback' : 'branchFacts', { name, output, facts: join(parts) });
    }
    case 'condition':
      return s('condition', { name, output: outputLabel(node, str(d.output) ?? '') });
    case 'ab_split': {
      const variant = str(d.variant) ?? str(d.output) ?? '?';
      if (d.holdout === true) return s('holdout', { name });
      return s('variant', { name, variant: outputLabel(node, variant) });
    }
    case 'send_email':
      return emailText(name, phase, d, opts);
    case 'wait':
    case 'wait_for_event':
      return waitText(step, name, phase, d, opts);
    case 'handoff': {
      const sla = num(d.slaMinutes);
      if (d.created === false) return s('handoffCarriesOn', { name });
      return sla !== null ? s('handedOffSla', { name, sla: String(sla) }) : s('handedOff', { name });
    }
    case 'update_lead':
      return updateText(name, d);
    case 'webhook': {
      const host = hostOf(str(d.url));
      const status = num(d.status);
      return phase === 'failed' ? s('webhookFailed', { name, host, error: str(d.error) ?? s('unknownError') }) : s('webhookAnswered', { name, host, status: status === null ? '?' : String(status) });
    }
    case 'goal': {
      const reason = str(d.reason);
      const journey = opts.journey ?? s('theJourney');
      return reason ? s('goalReason', { journey, reason: goalReasonText(reason) }) : s('goal', { journey });
    }
    case 'exit':
      return d.archive === true ? s('exitArchived', { name }) : s('exited', { name });
    default:
      return phase ? s('phase', { name, phase }) : name;
  }
}

/** The step's sentence in English, as API callers and logs read it. */
export const stepSentence = (step: StepRecord, opts: SentenceOptions): string => english(stepText(step, opts));

