/** What changed between two journey definitions, in a marketer's words: steps by name, fields before → after, connections. */
import { DEFAULT_PRIORITY, nodeOutputs, type JourneyDefinition, type JourneyNode, type TriggerConfig } from './definition';
import { goalMessage, ruleMessage } from './enrolment-rules';
import { NODE_KIND_LABELS } from './graph';
import { beforeAfter, eventText } from './words';
import type { Duration } from './definition';
import { english, text, type Text, type TextParam } from '../i18n/server-text';
import en from '@/messages/en.json';
import { nameText } from './step-sentence';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
  /** e.g. "Timeout 7 → 2 days". */
  text: string;
  /** The field and its values as messages, for a reader in another language. */
  words?: { field: Text; before: TextParam; after: TextParam };
}
export interface StepChange {
  id: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}
export interface ConnectionChange {
  change: 'added' | 'removed';
  text: string;
  /** The same connection as a message: default step and output names in the reader's language, typed ones as typed. */
  words?: Text;
}
export interface JourneyDiff {
  steps: StepChange[];
  connections: ConnectionChange[];
  /** One line per change, for lists and titles. */
  lines: string[];
  /** The same lines as messages, for a reader in another language. */
  lineTexts?: Text[];
  empty: boolean;
}

export type TemplateLabel = (key: string) => string;

type Def = Pick<JourneyDefinition, 'nodes' | 'edges'>;

const w = (key: string, params?: Record<string, TextParam>) => text(`serverText.diff.${key}`, params);
const yesNo = (v: boolean | undefined) => w(v ? 'yes' : 'no');
const NONE = '—';
const range = (min: number | null, max: number | null) => (min === null ? `≤ ${max ?? '∞'}` : max === null ? `≥ ${min}` : `${min}–${max}`);
const ruleText = (r: { field: string; op: string; value?: string | number | boolean | string[] }) => `${r.field} ${r.op}${r.value === undefined ? '' : ` ${Array.isArray(r.value) ? r.value.join(', ') : String(r.value)}`}`;

type Fields = Map<string, { field: Text; value: TextParam }>;

/** Adds one labelled setting; the English label is its identity, so two versions compare field by field. */
function put(f: Fields, field: Text, value: TextParam): void {
  f.set(english(field), { field, value });
}

const duration = (d: Duration | undefined) => (d ? w(`n${d.unit.charAt(0).toUpperCase()}${d.unit.slice(1)}`, { count: d.amount }) : '?');

function enrolmentTexts(f: Fields, t: TriggerConfig): void {
  const reentry = t.reentry ?? { mode: 'never' };
  const goal = t.goal;
  const rules = (t.entry?.rules ?? []).map(ruleMessage);
  const ruleList: TextParam = rules.length ? rules.reduceRight((rest, first) => w('semi', { first, rest })) : '';
  put(f, w('field.entry'), t.entry ? w(t.entry.match === 'any' ? 'anyOf' : 'allOf', { rules: ruleList }) : w('everyone'));
  put(f, w('field.reentry'), reentry.mode === 'never' ? w('never') : reentry.mode === 'always' ? w('always') : w('afterDays', { days: String(reentry.days) }));
  put(f, w('field.priorityGroup'), t.priorityGroup?.trim() ? w('groupPriority', { group: t.priorityGroup.trim(), priority: String(t.priority ?? DEFAULT_PRIORITY) }) : w('none'));
  put(f, w('field.goal'), goal ? goalMessage(goal) : w('none'));
}

/** The trigger's enrolment settings, named as the trigger panel and journey settings name them. */
export function enrolmentFields(t: TriggerConfig): Record<string, string> {
  const f: Fields = new Map();
  enrolmentTexts(f, t);
  return Object.fromEntries([...f].map(([k, v]) => [k, english(v.value)]));
}

export const stepName = (n: Pick<JourneyNode, 'kind' | 'label'>) => n.label?.trim() || NODE_KIND_LABELS[n.kind];

/** A node's settings as labelled messages; two nodes differ exactly where their English differs. */
function fieldTexts(node: JourneyNode, templateLabel: TemplateLabel): Fields {
  const f: Fields = new Map();
  put(f, w('field.name'), stepName(node));
  switch (node.kind) {
    case 'trigger':
      put(f, w('field.starts'), node.config.on === 'event' ? w('whenEvent', { event: eventText(node.config.eventType) }) : w('whenCaptured'));
      enrolmentTexts(f, node.config);
      break;
    case 'score_branch':
      for (const r of node.config.ranges) put(f, w('field.range', { name: r.label || r.output }), range(r.min, r.max));
      break;
    case 'condition':
      put(f, w('field.match'), node.config.match);
      put(f, w('field.rules'), node.config.rules.map(ruleText).join('; '));
      break;
    case 'ab_split':
      for (const v of node.config.variants) put(f, w('field.variant', { name: v.label || v.id }), `${v.weight} %`);
      break;
    case 'send_email':
      put(f, w('field.template'), node.config.template ? templateLabel(node.config.template) : w('noTemplate'));
      put(f, w('field.oncePerLead'), yesNo(node.config.oncePerLead));
      put(f, w('field.repeatAcross'), yesNo(node.config.repeatAcrossJourneys));
      for (const v of node.config.variants) {
        const parts: TextParam[] = [`${v.weight} %`, ...(v.subject ? [w('subject', { subject: v.subject })] : []), ...(v.template ? [templateLabel(v.template)] : [])];
        put(f, w('field.variant', { name: v.id }), parts.reduceRight((rest, first) => w('list', { first, rest })));
      }
      break;
    case 'wait':
      put(f, w('field.wait'), duration(node.config.duration));
      break;
    case 'wait_for_event':
      put(f, w('field.events'), node.config.eventTypes.length ? node.config.eventTypes.map(eventText).reduceRight((rest, first) => w('list', { first, rest })) : w('anyEvent'));
      put(f, w('field.giveUpAfter'), duration(node.config.timeout));
      break;
    case 'handoff':
      put(f, w('field.owner'), node.config.owner.mode === 'fixed' ? node.config.owner.ownerId : w('roundRobin'));
      put(f, w('field.sla'), w('minutes', { count: node.config.slaMinutes }));
      put(f, w('field.escalation'), w('minutes', { count: node.config.escalationMinutes }));
      put(f, w('field.reassign'), yesNo(node.config.reassignOnEscalation));
      break;
    case 'update_lead':
      put(f, w('field.stage'), node.config.stage ?? NONE);
      put(f, w('field.lifecycle'), node.config.lifecycle ?? NONE);
      put(f, w('field.tags'), node.config.addTags.join(', ') || NONE);
      break;
    case 'webhook':
      put(f, w('field.url'), node.config.url);
      put(f, w('field.method'), node.config.method);
      break;
    case 'exit':
      put(f, w('field.archive'), yesNo(node.config.archive));
      break;
  }
  return f;
}

/** A node's settings as labelled strings; two nodes differ exactly where these differ. */
export function fieldsOf(node: JourneyNode, templateLabel: TemplateLabel = (k) => k): Record<string, string> {
  return Object.fromEntries([...fieldTexts(node, templateLabel)].map(([k, v]) => [k, english(v.value)]));
}

/** The output a connection leaves from, as the canvas labels it; '' for a step's only output. */
function outputName(node: JourneyNode | undefined, output: string): TextParam {
  if (!node) return output;
  if (node.kind === 'score_branch') {
    const r = node.config.ranges.find((x) => x.output === output);
    return r ? (r.label ? nameText(r.label) : range(r.min, r.max)) : output;
  }
  if (node.kind === 'ab_split') return w('variantOut', { variant: node.config.variants.find((v) => v.id === output)?.label || output });
  let outs: string[] = [];
  try {
    outs = nodeOutputs(node);
  } catch {
    outs = [];
  }
  if (outs.length <= 1) return '';
  return (node.kind === 'condition' || node.kind === 'wait_for_event') && Object.hasOwn(en.serverText.diff.out, output) ? w(`out.${output}`) : output;
}

function connections(def: Def): Map<string, Text> {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const out = new Map<string, Text>();
  for (const e of def.edges) {
    const src = byId.get(e.source);
    const dst = byId.get(e.target);
    const via = outputName(src, e.output);
    const from = src ? nameText(stepName(src)) : e.source;
    const to = dst ? nameText(stepName(dst)) : e.target;
    out.set(`${e.source}\u0000${e.output}\u0000${e.target}`, via === '' ? w('connection', { from, to }) : w('connectionVia', { from, via, to }));
  }
  return out;
}

export function diffDefinitions(prev: Def | null, next: Def, templateLabel?: TemplateLabel): JourneyDiff {
  const before = new Map((prev?.nodes ?? []).map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  const steps: StepChange[] = [];
  for (const n of next.nodes) {
    const old = before.get(n.id);
    if (!old) {
      steps.push({ id: n.id, name: stepName(n), change: 'added', fields: [] });
      continue;
    }
    const a = fieldTexts(old, templateLabel ?? ((k) => k));
    const b = fieldTexts(n, templateLabel ?? ((k) => k));
    const fields: FieldChange[] = [];
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(key);
      const y = b.get(key);
      const before = x ? english(x.value) : NONE;
      const after = y ? english(y.value) : NONE;
      if (before !== after) {
        fields.push({ field: key, before, after, text: `${key} ${beforeAfter(before, after)}`, words: { field: (x ?? y)!.field, before: x?.value ?? NONE, after: y?.value ?? NONE } });
      }
    }
    if (old.kind !== n.kind) {
      const kind = (k: JourneyNode['kind']) => text(`journeyEditor.kind.${k}`);
      fields.unshift({
        field: 'Kind',
        before: NODE_KIND_LABELS[old.kind],
        after: NODE_KIND_LABELS[n.kind],
        text: `Kind ${NODE_KIND_LABELS[old.kind]} → ${NODE_KIND_LABELS[n.kind]}`,
        words: { field: w('field.kind'), before: kind(old.kind), after: kind(n.kind) },
      });
    }
    if (fields.length > 0) steps.push({ id: n.id, name: stepName(n), change: 'changed', fields });
  }
  for (const n of prev?.nodes ?? []) if (!after.has(n.id)) steps.push({ id: n.id, name: stepName(n), change: 'removed', fields: [] });

  const c0 = prev ? connections(prev) : new Map<string, Text>();
  const c1 = connections(next);
  const conns: ConnectionChange[] = [
    ...[...c1].filter(([k]) => !c0.has(k)).map(([, words]) => ({ change: 'added' as const, text: english(words), words })),
    ...[...c0].filter(([k]) => !c1.has(k)).map(([, words]) => ({ change: 'removed' as const, text: english(words), words })),
  ];
  const lines = [
    ...steps.map((s) =>
      s.change === 'added' ? `Added step “${s.name}”` : s.change === 'removed' ? `Removed step “${s.name}”` : `${s.name}: ${s.fields.map((f) => f.text).join('; ')}`,
    ),
    ...conns.map((c) => `${c.change === 'added' ? 'Connected' : 'Disconnected'} ${c.text}`),
  ];
  const fieldChanges = (fs: FieldChange[]) =>
    fs.map((f): Text => (f.words ? w('fieldChange', f.words) : w('raw', { text: f.text }))).reduceRight((rest, first) => w('semi', { first, rest }));
  const lineTexts = [
    ...steps.map((s) =>
      s.change === 'changed' ? w('changedLine', { name: nameText(s.name), fields: fieldChanges(s.fields) }) : w(s.change === 'added' ? 'addedLine' : 'removedLine', { name: nameText(s.name) }),
    ),
    ...conns.map((c) => w(c.change === 'added' ? 'connectedLine' : 'disconnectedLine', { text: c.words ?? c.text })),
  ];
  return { steps, connections: conns, lines, lineTexts, empty: lines.length === 0 };
}
