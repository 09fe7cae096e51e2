/** Compiles a canvas graph into a publishable journey definition, or into plain-language problems tied to nodes and edges. */
import type { z } from 'zod';
import { ruleWarnings } from '../scoring/validate';
import type { ScoringRule } from '../scoring/rules';
import {
  BUILT_IN_EVENT_TYPES,
  JOURNEY_SCHEMA_VERSION,
  journeyDefinitionSchema,
  nodeConfigs,
  nodeOutputs,
  type JourneyDefinition,
  type JourneyEdge,
  type JourneyNode,
  type NodeKind,
} from './definition';
import { edgeOutput, NODE_KIND_LABELS, type CanvasGraph, type DraftCanvasGraph, type DraftCanvasNode } from './graph';
import { scoreRangeProblems } from './score-ranges';
import { enrolmentProblemTexts } from './enrolment-rules';
import { findCycle, stronglyConnected } from './cycles';
import { english, text, type Text, type TextParams } from '../i18n/server-text';
import { zodIssueText } from '../i18n/zod-text';
import { ruleEventText } from '../scoring/rules';

export const PROBLEM_CODES = [
  'invalid_name',
  'invalid_id',
  'duplicate_node_id',
  'duplicate_edge_id',
  'invalid_config',
  'non_positive_duration',
  'no_trigger',
  'multiple_triggers',
  'unreachable_node',
  'output_unconnected',
  'output_connected_twice',
  'duplicate_output',
  'edge_unknown_source',
  'edge_unknown_output',
  'edge_unknown_target',
  'edge_into_trigger',
  'cycle_without_wait',
  'score_range_gap',
  'score_range_overlap',
  'score_range_empty',
  'split_weights_not_100',
  'variant_weights_not_100',
  'missing_template',
] as const;
export const WARNING_CODES = ['negative_intent_points', 'email_repeats_in_cycle', 'unknown_event_type'] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Problem {
  code: ProblemCode | WarningCode;
  /** English, for API callers and logs; the editor shows `text` in the reader's language. */
  message: string;
  text?: Text;
  nodeId?: string;
  edgeId?: string;
  /** Set on scoring-rule warnings so the rules editor can highlight the rule too. */
  ruleId?: string;
}

export interface CompileOptions {
  name: string;
  scoringRules?: readonly ScoringRule[];
  /** Template keys that exist; when given, a send_email naming another one is a problem. */
  knownTemplates?: readonly string[];
}

export interface CompileResult {
  definition: JourneyDefinition | null;
  problems: Problem[];
  warnings: Problem[];
}

const WAIT_KINDS: ReadonlySet<NodeKind> = new Set(['wait', 'wait_for_event']);
/** A single `next` left open simply ends the journey there (an implicit exit); branch outputs must be routed. */
const OPEN_NEXT_IS_EXIT: ReadonlySet<NodeKind> = new Set(['send_email', 'wait', 'handoff', 'update_lead', 'webhook']);

type Named = { id: string; type?: NodeKind; kind?: NodeKind; data?: { label: string }; label?: string };

/** "“Email A”" when the marketer named the step, otherwise "the Send email step (email-a)"; `id` lets the editor show the title it displays. */
export function stepText(node: Named): Text {
  const label = (node.data?.label ?? node.label ?? '').trim();
  if (label) return text('serverText.step.named', { label, id: node.id });
  const kind = node.type ?? node.kind;
  return text('serverText.step.unnamed', { kind: kind && Object.hasOwn(NODE_KIND_LABELS, kind) ? text(`journeyEditor.kind.${kind}`) : text('serverText.kindUnknown'), id: node.id });
}

/** A problem's English message and the key and params it was written from. */
function say(key: string, params?: TextParams): { message: string; text: Text } {
  const t = text(`serverText.problem.${key}`, params);
  return { message: english(t), text: t };
}

const FIELD_NAMES: Record<string, string> = {
  template: 'email template',
  url: 'web address',
  ownerId: 'sales owner',
  ranges: 'score ranges',
  variants: 'variants',
  rules: 'conditions',
  eventType: 'event type',
  eventTypes: 'event types',
  slaMinutes: 'SLA (minutes)',
  escalationMinutes: 'escalation (minutes)',
  label: 'name',
  entry: 'entry conditions',
  reentry: 're-entry',
  days: 'days',
  priorityGroup: 'priority group',
  priority: 'priority',
  goal: 'goal',
  // Named as the settings are, so the English stays as it was; the catalogs word them for the reader.
  duration: 'duration',
  timeout: 'timeout',
  weight: 'weight',
  subject: 'subject',
  min: 'min',
  max: 'max',
  owner: 'owner',
  method: 'method',
  stage: 'stage',
  lifecycle: 'lifecycle',
  addTags: 'addTags',
  holdoutPercent: 'holdoutPercent',
  field: 'field',
  op: 'op',
  value: 'value',
  unit: 'unit',
};

/** "score ranges › #2 › min": known settings by their names, list positions counted from one. */
function fieldName(path: readonly PropertyKey[]): Text | string {
  const parts: (Text | string)[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (typeof p === 'number') parts.push(text('serverText.field.index', { n: p + 1 }));
    else if (typeof p === 'string') parts.push(Object.hasOwn(FIELD_NAMES, p) ? text(`serverText.field.${p}`) : p);
  }
  if (parts.length === 0) return text('serverText.field.settings');
  return parts.reduceRight((rest, first) => text('serverText.field.path', { first, rest }));
}

/** A duration (wait, timeout, SLA) that is zero or negative gets its own code: it is the most common slip. */
function isDurationIssue(issue: z.core.$ZodIssue): boolean {
  const last = issue.path[issue.path.length - 1];
  return issue.code === 'too_small' && (last === 'amount' || last === 'slaMinutes' || last === 'escalationMinutes');
}

interface Ctx {
  problems: Problem[];
  warnings: Problem[];
  nodes: Map<string, DraftCanvasNode>;
  knownTemplates: ReadonlySet<string> | null;
}

function parseNodes(graph: DraftCanvasGraph, ctx: Ctx): Map<string, JourneyNode> {
  const parsed = new Map<string, JourneyNode>();
  for (const node of graph.nodes) {
    if (ctx.nodes.has(node.id)) {
      ctx.problems.push({ code: 'duplicate_node_id', nodeId: node.id, ...say('duplicateNodeId', { id: node.id }) });
      continue;
    }
    ctx.nodes.set(node.id, node);
    if (node.id.length > 100) ctx.problems.push({ code: 'invalid_id', nodeId: node.id, ...say('idTooLong', { step: stepText(node) }) });
    if (node.data.label.length > 120) {
      ctx.problems.push({ code: 'invalid_config', nodeId: node.id, ...say('nameTooLong', { step: stepText(node) }) });
    }
    const schema = Object.hasOwn(nodeConfigs, node.type) ? nodeConfigs[node.type] : undefined;
    if (!schema) {
      // Only reachable when a caller skips canvasGraphSchema; report instead of throwing.
      ctx.problems.push({ code: 'invalid_config', nodeId: node.id, ...say('unknownType', { id: node.id, type: String(node.type) }) });
      continue;
    }
    const result = schema.safeParse(node.data.config);
    if (!result.success) {
      for (const i of result.error.issues) {
        const duration = isDurationIssue(i);
        ctx.problems.push({
          code: duration ? 'non_positive_duration' : 'invalid_config',
          nodeId: node.id,
          ...(duration
            ? say('durationNotPositive', { step: stepText(node), field: fieldName(i.path.filter((p) => p !== 'amount')) })
            : say('config', { step: stepText(node), field: fieldName(i.path), issue: zodIssueText(i) })),
        });
      }
      continue;
    }
    parsed.set(node.id, { id: node.id, kind: node.type, label: node.data.label, config: result.data } as JourneyNode);
  }
  return parsed;
}

function checkNodeSettings(node: JourneyNode, ctx: Ctx): void {
  const name = stepText(node);
  const outputs = nodeOutputs(node);
  const dup = outputs.find((o, i) => outputs.indexOf(o) !== i);
  if (dup !== undefined) ctx.problems.push({ code: 'duplicate_output', nodeId: node.id, ...say('duplicateOutput', { step: name, output: dup }) });
  switch (node.kind) {
    case 'trigger':
      for (const detail of enrolmentProblemTexts(node.config)) ctx.problems.push({ code: 'invalid_config', nodeId: node.id, ...say('trigger', { step: name, detail }) });
      break;
    case 'score_branch':
      for (const p of scoreRangeProblems(node.config.ranges)) ctx.problems.push({ code: p.code, nodeId: node.id, ...say('scoreRange', { step: name, detail: p.text }) });
      break;
    case 'ab_split': {
      const total = node.config.variants.reduce((s, v) => s + v.weight, 0);
      if (total !== 100) ctx.problems.push({ code: 'split_weights_not_100', nodeId: node.id, ...say('splitWeights', { step: name, total: String(total) }) });
      break;
    }
    case 'send_email': {
      const { template, variants } = node.config;
      const known = ctx.knownTemplates;
      if (!template.trim()) ctx.problems.push({ code: 'missing_template', nodeId: node.id, ...say('noTemplate', { step: name }) });
      else if (known && !known.has(template)) ctx.problems.push({ code: 'missing_template', nodeId: node.id, ...say('unknownTemplate', { step: name, template }) });
      for (const v of variants) {
        if (known && v.template && !known.has(v.template)) {
          ctx.problems.push({ code: 'missing_template', nodeId: node.id, ...say('variantUnknownTemplate', { step: name, variant: v.id, template: v.template }) });
        }
      }
      const total = variants.reduce((s, v) => s + v.weight, 0);
      if (variants.length > 0 && total !== 100) {
        ctx.problems.push({ code: 'variant_weights_not_100', nodeId: node.id, ...say('variantWeights', { step: name, total: String(total) }) });
      }
      break;
    }
    default:
      break;
  }
}

function checkEdges(graph: DraftCanvasGraph, parsed: Map<string, JourneyNode>, ctx: Ctx): JourneyEdge[] {
  const valid: JourneyEdge[] = [];
  const edgeIds = new Set<string>();
  const used = new Map<string, string>();
  const outputSets = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) {
      ctx.problems.push({ code: 'duplicate_edge_id', edgeId: edge.id, ...say('duplicateEdgeId', { id: edge.id }) });
      continue;
    }
    edgeIds.add(edge.id);
    const source = ctx.nodes.get(edge.source);
    const target = ctx.nodes.get(edge.target);
    if (!source) {
      ctx.problems.push({ code: 'edge_unknown_source', edgeId: edge.id, ...say('edgeUnknownSource', { id: edge.source }) });
      continue;
    }
    if (!target) {
      ctx.problems.push({ code: 'edge_unknown_target', edgeId: edge.id, nodeId: source.id, ...say('edgeUnknownTarget', { step: stepText(source), id: edge.target }) });
      continue;
    }
    if (target.type === 'trigger') {
      ctx.problems.push({ code: 'edge_into_trigger', edgeId: edge.id, nodeId: target.id, ...say('edgeIntoTrigger', { step: stepText(target), other: stepText(source) }) });
      continue;
    }
    const output = edgeOutput(edge, source.type);
    const node = parsed.get(source.id);
    if (node) {
      let outputs = outputSets.get(node.id);
      if (!outputs) outputSets.set(node.id, (outputs = new Set(nodeOutputs(node))));
      if (!outputs.has(output)) {
        const from = output ? text('serverText.problem.outputNamed', { output }) : text('serverText.problem.noOutput');
        const where = outputs.size ? text('serverText.problem.hasOutputs', { outputs: [...outputs].map((o) => `“${o}”`).join(', ') }) : text('serverText.problem.hasNoOutputs');
        ctx.problems.push({ code: 'edge_unknown_output', edgeId: edge.id, nodeId: source.id, ...say('edgeUnknownOutput', { step: stepText(source), from, where }) });
        continue;
      }
    }
    const slot = `${source.id}\u0000${output}`;
    if (used.has(slot)) {
      ctx.problems.push({ code: 'output_connected_twice', edgeId: edge.id, nodeId: source.id, ...say('outputTwice', { output, step: stepText(source) }) });
      continue;
    }
    used.set(slot, edge.id);
    valid.push({ id: edge.id, source: source.id, output, target: target.id });
  }
  for (const node of parsed.values()) {
    if (OPEN_NEXT_IS_EXIT.has(node.kind)) continue;
    for (const output of nodeOutputs(node)) {
      if (used.has(`${node.id}\u0000${output}`)) continue;
      ctx.problems.push({
        code: 'output_unconnected',
        nodeId: node.id,
        ...(node.kind === 'trigger' ? say('triggerUnconnected', { step: stepText(node) }) : say('outputUnconnected', { output, step: stepText(node) })),
      });
    }
  }
  return valid;
}

function checkStructure(edges: JourneyEdge[], ctx: Ctx, parsed: Map<string, JourneyNode>): void {
  const triggers = [...ctx.nodes.values()].filter((n) => n.type === 'trigger');
  if (triggers.length === 0) ctx.problems.push({ code: 'no_trigger', ...say('noTrigger') });
  for (const extra of triggers.slice(1)) {
    ctx.problems.push({ code: 'multiple_triggers', nodeId: extra.id, ...say('multipleTriggers', { step: stepText(extra), other: stepText(triggers[0]!) }) });
  }
  const adjacency = new Map<string, string[]>();
  for (const id of ctx.nodes.keys()) adjacency.set(id, []);
  for (const e of edges) adjacency.get(e.source)!.push(e.target);

  if (triggers.length > 0) {
    const seen = new Set(triggers.map((t) => t.id));
    const queue = [...seen];
    for (let i = 0; i < queue.length; i++) {
      for (const t of adjacency.get(queue[i]!)!) {
        if (seen.has(t)) continue;
        seen.add(t);
        queue.push(t);
      }
    }
    for (const node of ctx.nodes.values()) {
      if (!seen.has(node.id)) ctx.problems.push({ code: 'unreachable_node', nodeId: node.id, ...say('unreachable', { step: stepText(node) }) });
    }
  }

  // A cycle without a wait exists exactly when the graph minus its wait steps still has one.
  const isWait = (id: string) => WAIT_KINDS.has(ctx.nodes.get(id)!.type);
  const noWait = (id: string) => (isWait(id) ? [] : adjacency.get(id)!.filter((t) => !isWait(t)));
  const ids = [...ctx.nodes.keys()];
  for (const component of stronglyConnected(ids, noWait)) {
    const cycle = findCycle(component, noWait);
    if (!cycle) continue;
    const first = ctx.nodes.get(cycle[0]!)!;
    const steps = [...cycle, cycle[0]!].map((id) => stepText(ctx.nodes.get(id)!));
    const path = steps.reduceRight((rest, step) => text('serverText.problem.pathStep', { step, rest }));
    ctx.problems.push({ code: 'cycle_without_wait', nodeId: first.id, ...say('cycle', { path }) });
  }
  for (const component of stronglyConnected(ids, (id) => adjacency.get(id)!)) {
    if (!findCycle(component, (id) => adjacency.get(id)!)) continue;
    for (const id of component) {
      const node = parsed.get(id);
      if (node?.kind === 'send_email' && !node.config.oncePerLead) {
        ctx.warnings.push({ code: 'email_repeats_in_cycle', nodeId: id, ...say('emailRepeats', { step: stepText(node) }) });
      }
    }
  }
}

function checkEvents(parsed: Map<string, JourneyNode>, opts: CompileOptions, ctx: Ctx): void {
  const known = new Set<string>(BUILT_IN_EVENT_TYPES);
  for (const r of opts.scoringRules ?? []) if (r.eventType) known.add(r.eventType);
  for (const node of parsed.values()) {
    const types = node.kind === 'wait_for_event' ? node.config.eventTypes : node.kind === 'trigger' && node.config.on === 'event' ? [node.config.eventType] : [];
    for (const type of types) {
      if (!known.has(type)) {
        ctx.warnings.push({ code: 'unknown_event_type', nodeId: node.id, ...say('unknownEvent', { step: stepText(node), type }) });
      }
    }
  }
  const rules = opts.scoringRules ?? [];
  if (rules.length === 0) return;
  // Rule warnings belong to the score branch (where the lost points show) or, failing that, to the trigger.
  const anchor = [...parsed.values()].find((n) => n.kind === 'score_branch') ?? [...parsed.values()].find((n) => n.kind === 'trigger');
  for (const w of ruleWarnings(rules)) {
    const warning: Problem = { code: w.code, message: w.message, text: text('serverText.problem.negativeIntent', { name: w.ruleName, points: String(Math.abs(w.points)), event: ruleEventText(w.eventType) }) };
    if (anchor) warning.nodeId = anchor.id;
    if (w.ruleId) warning.ruleId = w.ruleId;
    ctx.warnings.push(warning);
  }
}

export function compileJourney(graph: CanvasGraph | DraftCanvasGraph, opts: CompileOptions): CompileResult {
  const ctx: Ctx = { problems: [], warnings: [], nodes: new Map(), knownTemplates: opts.knownTemplates ? new Set(opts.knownTemplates) : null };
  if (!opts.name.trim() || opts.name.length > 200) ctx.problems.push({ code: 'invalid_name', ...say('journeyName') });
  for (const e of graph.edges) {
    if (e.id.length > 100) ctx.problems.push({ code: 'invalid_id', edgeId: e.id, ...say('edgeIdTooLong') });
  }
  const parsed = parseNodes(graph, ctx);
  for (const node of parsed.values()) checkNodeSettings(node, ctx);
  const edges = checkEdges(graph, parsed, ctx);
  checkStructure(edges, ctx, parsed);
  checkEvents(parsed, opts, ctx);
  if (ctx.problems.length > 0) return { definition: null, problems: ctx.problems, warnings: ctx.warnings };

  const candidate = { schemaVersion: JOURNEY_SCHEMA_VERSION, name: opts.name, nodes: [...parsed.values()], edges };
  const checked = journeyDefinitionSchema.safeParse(candidate);
  if (!checked.success) {
    // Unreachable when the checks above are complete; kept so a schema change can never publish an invalid definition.
    const problems = checked.error.issues.map((i): Problem => ({ code: 'invalid_config', ...say('invalid', { detail: `${i.path.join('.')} ${i.message}` }) }));
    return { definition: null, problems, warnings: ctx.warnings };
  }
  return { definition: checked.data, problems: [], warnings: ctx.warnings };
}
