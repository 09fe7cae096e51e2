/** What changed between two journey definitions, in a marketer's words: steps by name, fields before → after, connections. */
import { DEFAULT_PRIORITY, nodeOutputs, type JourneyDefinition, type JourneyNode, type TriggerConfig } from './definition';
import { goalWords, ruleWords } from './enrolment-rules';
import { NODE_KIND_LABELS } from './graph';
import { beforeAfter, durationText, eventTitle } from './words';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
  /** e.g. "Timeout 7 → 2 days". */
  text: string;
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
}
export interface JourneyDiff {
  steps: StepChange[];
  connections: ConnectionChange[];
  /** One line per change, for lists and titles. */
  lines: string[];
  empty: boolean;
}

export type TemplateLabel = (key: string) => string;

type Def = Pick<JourneyDefinition, 'nodes' | 'edges'>;

const yesNo = (v: boolean | undefined) => (v ? 'yes' : 'no');
const range = (min: number | null, max: number | null) => (min === null ? `≤ ${max ?? '∞'}` : max === null ? `≥ ${min}` : `${min}–${max}`);
const ruleText = (r: { field: string; op: string; value?: string | number | boolean | string[] }) => `${r.field} ${r.op}${r.value === undefined ? '' : ` ${Array.isArray(r.value) ? r.value.join(', ') : String(r.value)}`}`;

/** The trigger's enrolment settings, named as the trigger panel and journey settings name them. */
export function enrolmentFields(t: TriggerConfig): Record<string, string> {
  const reentry = t.reentry ?? { mode: 'never' };
  const goal = t.goal;
  return {
    'Entry conditions': t.entry ? `${t.entry.match === 'any' ? 'any of' : 'all of'}: ${t.entry.rules.map(ruleWords).join('; ')}` : 'everyone',
    'Re-entry': reentry.mode === 'never' ? 'never' : reentry.mode === 'always' ? 'always' : `after ${reentry.days} days`,
    'Priority group': t.priorityGroup?.trim() ? `${t.priorityGroup.trim()} (priority ${t.priority ?? DEFAULT_PRIORITY})` : 'none',
    Goal: goal ? goalWords(goal) : 'none',
  };
}

export const stepName = (n: Pick<JourneyNode, 'kind' | 'label'>) => n.label?.trim() || NODE_KIND_LABELS[n.kind];

/** A node's settings as labelled strings; two nodes differ exactly where these differ. */
export function fieldsOf(node: JourneyNode, templateLabel: TemplateLabel = (k) => k): Record<string, string> {
  const f: Record<string, string> = { Name: stepName(node) };
  switch (node.kind) {
    case 'trigger':
      f.Starts = node.config.on === 'event' ? `when: ${eventTitle(node.config.eventType)}` : 'when a lead is captured';
      Object.assign(f, enrolmentFields(node.config));
      break;
    case 'score_branch':
      for (const r of node.config.ranges) f[`Range “${r.label || r.output}”`] = range(r.min, r.max);
      break;
    case 'condition':
      f.Match = node.config.match;
      f.Rules = node.config.rules.map(ruleText).join('; ');
      break;
    case 'ab_split':
      for (const v of node.config.variants) f[`Variant ${v.label || v.id}`] = `${v.weight} %`;
      break;
    case 'send_email':
      f.Template = node.config.template ? templateLabel(node.config.template) : '(none)';
      f['Once per lead'] = yesNo(node.config.oncePerLead);
      f['Repeat what another journey sent within 24 h'] = yesNo(node.config.repeatAcrossJourneys);
      for (const v of node.config.variants) {
        f[`Variant ${v.id}`] = [`${v.weight} %`, v.subject && `subject “${v.subject}”`, v.template && templateLabel(v.template)].filter(Boolean).join(', ');
      }
      break;
    case 'wait':
      f.Wait = durationText(node.config.duration);
      break;
    case 'wait_for_event':
      f.Events = node.config.eventTypes.length ? node.config.eventTypes.map(eventTitle).join(', ') : 'any event';
      f['Give up after'] = durationText(node.config.timeout);
      break;
    case 'handoff':
      f.Owner = node.config.owner.mode === 'fixed' ? node.config.owner.ownerId : 'round robin';
      f.SLA = `${node.config.slaMinutes} minutes`;
      f.Escalation = `${node.config.escalationMinutes} minutes`;
      f['Reassign on escalation'] = yesNo(node.config.reassignOnEscalation);
      break;
    case 'update_lead':
      f.Stage = node.config.stage ?? '—';
      f.Lifecycle = node.config.lifecycle ?? '—';
      f.Tags = node.config.addTags.join(', ') || '—';
      break;
    case 'webhook':
      f.URL = node.config.url;
      f.Method = node.config.method;
      break;
    case 'exit':
      f['Archive the lead'] = yesNo(node.config.archive);
      break;
  }
  return f;
}

function outputName(node: JourneyNode | undefined, output: string): string {
  if (!node) return output;
  if (node.kind === 'score_branch') {
    const r = node.config.ranges.find((x) => x.output === output);
    return r ? r.label || range(r.min, r.max) : output;
  }
  if (node.kind === 'ab_split') return `variant ${node.config.variants.find((v) => v.id === output)?.label || output}`;
  let outs: string[] = [];
  try {
    outs = nodeOutputs(node);
  } catch {
    outs = [];
  }
  return outs.length <= 1 ? '' : output;
}

function connections(def: Def): Map<string, string> {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  for (const e of def.edges) {
    const src = byId.get(e.source);
    const dst = byId.get(e.target);
    const via = outputName(src, e.output);
    out.set(`${e.source}\u0000${e.output}\u0000${e.target}`, `${src ? stepName(src) : e.source}${via ? ` (${via})` : ''} → ${dst ? stepName(dst) : e.target}`);
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
    const a = fieldsOf(old, templateLabel);
    const b = fieldsOf(n, templateLabel);
    const fields: FieldChange[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[key] ?? '—';
      const y = b[key] ?? '—';
      if (x !== y) fields.push({ field: key, before: x, after: y, text: `${key} ${beforeAfter(x, y)}` });
    }
    if (old.kind !== n.kind) fields.unshift({ field: 'Kind', before: NODE_KIND_LABELS[old.kind], after: NODE_KIND_LABELS[n.kind], text: `Kind ${NODE_KIND_LABELS[old.kind]} → ${NODE_KIND_LABELS[n.kind]}` });
    if (fields.length > 0) steps.push({ id: n.id, name: stepName(n), change: 'changed', fields });
  }
  for (const n of prev?.nodes ?? []) if (!after.has(n.id)) steps.push({ id: n.id, name: stepName(n), change: 'removed', fields: [] });

  const c0 = prev ? connections(prev) : new Map<string, string>();
  const c1 = connections(next);
  const conns: ConnectionChange[] = [
    ...[...c1].filter(([k]) => !c0.has(k)).map(([, text]) => ({ change: 'added' as const, text })),
    ...[...c0].filter(([k]) => !c1.has(k)).map(([, text]) => ({ change: 'removed' as const, text })),
  ];
  const lines = [
    ...steps.map((s) =>
      s.change === 'added' ? `Added step “${s.name}”` : s.change === 'removed' ? `Removed step “${s.name}”` : `${s.name}: ${s.fields.map((f) => f.text).join('; ')}`,
    ),
    ...conns.map((c) => `${c.change === 'added' ? 'Connected' : 'Disconnected'} ${c.text}`),
  ];
  return { steps, connections: conns, lines, empty: lines.length === 0 };
}
