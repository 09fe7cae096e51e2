/** Pure score evaluation: points for one event, fit points for a lead, and a from-scratch score with its explanation. */
import { asNumber, normText } from '../compare';
import type { RuleCondition, ScoringRule } from './rules';

/** One rule's contribution; `ruleKey` identifies defaults that have no database id yet. */
export interface AppliedRule {
  ruleId?: string;
  ruleKey?: string;
  ruleName: string;
  points: number;
}

export interface PointsResult {
  points: number;
  applied: AppliedRule[];
}

/** The lead columns scoring reads; mirrors the `leads` table so a row can be passed as-is. */
export interface ScorableLead {
  jobTitle?: string | null;
  company?: string | null;
  companySize?: number | null;
  source?: string | null;
  properties?: Record<string, unknown> | null;
}

export interface ScorableEvent {
  /** Unique per event: the SPEC's guard against duplicate deliveries inflating a score. */
  id: string;
  type: string;
}

export interface EventScore {
  eventId: string;
  type: string;
  points: number;
  applied: AppliedRule[];
}

export interface ScoreBreakdown {
  fit: AppliedRule[];
  events: EventScore[];
  /** Totals per rule in rule order, for "why is this lead at 70?" views. */
  byRule: (AppliedRule & { count: number })[];
  duplicatesIgnored: number;
}

export interface ScoreResult {
  score: number;
  breakdown: ScoreBreakdown;
}

function applied(rule: ScoringRule): AppliedRule {
  const out: AppliedRule = { ruleName: rule.name, points: rule.points };
  if (rule.id) out.ruleId = rule.id;
  if (rule.key) out.ruleKey = rule.key;
  return out;
}

/**
 * Points one event earns. `priorCountByType` counts the lead's earlier distinct events per type
 * (excluding this one), which is all `oncePerLead` needs.
 */
export function pointsForEvent(
  rules: readonly ScoringRule[],
  event: { type: string },
  priorCountByType: Readonly<Record<string, number>>,
): PointsResult {
  const result: PointsResult = { points: 0, applied: [] };
  const prior = priorCountByType[event.type] ?? 0;
  for (const rule of rules) {
    if (!rule.active || rule.kind !== 'event' || rule.eventType !== event.type) continue;
    if (rule.oncePerLead && prior > 0) continue;
    result.points += rule.points;
    result.applied.push(applied(rule));
  }
  return result;
}

function readField(lead: ScorableLead, field: string): unknown {
  if (field.startsWith('properties.')) return lead.properties?.[field.slice('properties.'.length)];
  switch (field) {
    case 'jobTitle':
      return lead.jobTitle;
    case 'company':
      return lead.company;
    case 'companySize':
      return lead.companySize;
    case 'source':
      return lead.source;
    default:
      return undefined;
  }
}

const norm = normText;

export function matchesCondition(condition: RuleCondition, lead: ScorableLead): boolean {
  const actual = readField(lead, condition.field);
  if (actual === undefined || actual === null || actual === '') return false;
  const expected = condition.value;
  const list = Array.isArray(expected) ? expected : [expected];
  switch (condition.op) {
    case 'eq': {
      const n = asNumber(actual);
      if (typeof expected === 'number') return n === expected;
      if (typeof expected === 'boolean') return actual === expected || norm(actual) === String(expected);
      return list.some((e) => norm(actual) === norm(e));
    }
    case 'in':
      return list.some((e) => norm(actual) === norm(e));
    case 'contains': {
      if (Array.isArray(actual)) return actual.some((a) => list.some((e) => norm(a) === norm(e)));
      const text = norm(actual);
      return list.some((e) => norm(e) !== '' && text.includes(norm(e)));
    }
    case 'gte':
    case 'lte': {
      const a = asNumber(actual);
      const e = asNumber(expected);
      if (a === null || e === null) return false;
      return condition.op === 'gte' ? a >= e : a <= e;
    }
  }
}

/** Fit points from attribute rules: who the lead is, scored below what the lead does. */
export function fitPoints(rules: readonly ScoringRule[], lead: ScorableLead): PointsResult {
  const result: PointsResult = { points: 0, applied: [] };
  for (const rule of rules) {
    if (!rule.active || rule.kind !== 'attribute' || !rule.condition) continue;
    if (!matchesCondition(rule.condition, lead)) continue;
    result.points += rule.points;
    result.applied.push(applied(rule));
  }
  return result;
}

/**
 * The lead's score from scratch: fit plus every distinct event in the order given (chronological),
 * so the simulator and "recompute after a rule edit" agree with incremental scoring.
 */
export function scoreLead(rules: readonly ScoringRule[], lead: ScorableLead, events: readonly ScorableEvent[]): ScoreResult {
  const fit = fitPoints(rules, lead);
  const seen = new Set<string>();
  const counts: Record<string, number> = {};
  const scored: EventScore[] = [];
  let duplicatesIgnored = 0;
  let score = fit.points;
  for (const event of events) {
    if (seen.has(event.id)) {
      duplicatesIgnored++;
      continue;
    }
    seen.add(event.id);
    const pts = pointsForEvent(rules, event, counts);
    counts[event.type] = (counts[event.type] ?? 0) + 1;
    score += pts.points;
    scored.push({ eventId: event.id, type: event.type, points: pts.points, applied: pts.applied });
  }
  return { score, breakdown: { fit: fit.applied, events: scored, byRule: totalsByRule(rules, fit.applied, scored), duplicatesIgnored } };
}

function totalsByRule(rules: readonly ScoringRule[], fit: AppliedRule[], events: EventScore[]): (AppliedRule & { count: number })[] {
  const totals = new Map<string, AppliedRule & { count: number }>();
  const keyOf = (a: AppliedRule) => a.ruleId ?? a.ruleKey ?? a.ruleName;
  for (const a of [...fit, ...events.flatMap((e) => e.applied)]) {
    const k = keyOf(a);
    const t = totals.get(k);
    if (t) {
      t.points += a.points;
      t.count++;
    } else totals.set(k, { ...a, count: 1 });
  }
  const order = new Map(rules.map((r, i) => [r.id ?? r.key ?? r.name, i]));
  return [...totals.entries()].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map(([, t]) => t);
}

/** One line per rule that counted, e.g. "+25 Visited the pricing page (×1)", for timelines and tooltips. */
export function explainScore(result: ScoreResult): string[] {
  return result.breakdown.byRule.map((r) => `${r.points >= 0 ? '+' : '−'}${Math.abs(r.points)} ${r.ruleName}${r.count > 1 ? ` (×${r.count})` : ''}`);
}
