/** Enrolment rules, pure: which of the journeys a trigger fired for a lead enters, and whether a lead met a journey's goal. */
import { DEFAULT_PRIORITY, type Goal, type TriggerConfig } from './definition';
import type { LeadSnapshot } from './contract';
import { evaluateRules } from './engine/nodes/conditions';

/** The lead as enrolment sees it: its row, after the event that fired the trigger was scored. */
export type LeadFacts = LeadSnapshot & { source: string };

export interface EnrolmentCandidate {
  journeyId: string;
  version: number;
  trigger: TriggerConfig;
}

/** A run the lead has (had) in some journey. */
export interface PastRun {
  journeyId: string;
  priorityGroup: string | null;
  active: boolean;
  startedAt: Date;
}

export type SkipReason = 'entry_conditions' | 'already_in_journey' | 'reentry_never' | 'reentry_too_soon' | 'priority_group' | 'goal_already_met';

export interface EnrolmentDecision<C extends EnrolmentCandidate> {
  /** With the entry number: 1 for a first entry, n for the n-th. */
  enter: { journey: C; entry: number }[];
  skipped: { journeyId: string; reason: SkipReason }[];
}

const DAY_MS = 86_400_000;

export const groupOf = (t: TriggerConfig): string | null => t.priorityGroup?.trim().toLowerCase() || null;

/** Lowest priority number first; ties by journey id, so every process orders them the same. */
export function byPriority<C extends EnrolmentCandidate>(a: C, b: C): number {
  return (a.trigger.priority ?? DEFAULT_PRIORITY) - (b.trigger.priority ?? DEFAULT_PRIORITY) || (a.journeyId < b.journeyId ? -1 : a.journeyId > b.journeyId ? 1 : 0);
}

const view = (lead: LeadFacts) => ({ score: lead.score, stage: lead.stage, lastAction: lead.lastAction });

export function meetsEntry(trigger: TriggerConfig, lead: LeadFacts): boolean {
  return !trigger.entry || evaluateRules(trigger.entry.match, trigger.entry.rules, lead, view(lead));
}

/** True when the lead meets the goal: an event goal by this event's type, a lead goal by the lead's current fields. */
export function meetsGoal(goal: Goal | undefined, lead: LeadFacts, eventTypes: readonly string[] = []): boolean {
  if (!goal) return false;
  if (goal.on === 'event') return eventTypes.includes(goal.eventType);
  return evaluateRules(goal.match, goal.rules, lead, view(lead));
}

/**
 * Decides, for one lead at one moment, which candidates it enters: each must pass its entry conditions and
 * re-entry rule, and a priority group takes at most one journey per lead at a time (the lowest number wins).
 */
export function decideEnrolment<C extends EnrolmentCandidate>(lead: LeadFacts, candidates: readonly C[], past: readonly PastRun[], now: Date): EnrolmentDecision<C> {
  const decision: EnrolmentDecision<C> = { enter: [], skipped: [] };
  const busyGroups = new Set(past.filter((r) => r.active && r.priorityGroup).map((r) => r.priorityGroup!.toLowerCase()));
  for (const journey of [...candidates].sort(byPriority)) {
    const skip = (reason: SkipReason) => decision.skipped.push({ journeyId: journey.journeyId, reason });
    const runs = past.filter((r) => r.journeyId === journey.journeyId);
    const t = journey.trigger;
    const reentry = t.reentry ?? { mode: 'never' as const };
    if (runs.some((r) => r.active)) skip('already_in_journey');
    else if (runs.length > 0 && reentry.mode === 'never') skip('reentry_never');
    else if (runs.length > 0 && reentry.mode === 'after' && now.getTime() - Math.max(...runs.map((r) => r.startedAt.getTime())) < reentry.days * DAY_MS) skip('reentry_too_soon');
    else if (!meetsEntry(t, lead)) skip('entry_conditions');
    else if (t.goal?.on === 'lead' && meetsGoal(t.goal, lead)) skip('goal_already_met');
    else {
      const group = groupOf(t);
      if (group && busyGroups.has(group)) {
        skip('priority_group');
        continue;
      }
      if (group) busyGroups.add(group);
      decision.enter.push({ journey, entry: runs.length + 1 });
    }
  }
  return decision;
}

export const SKIP_WORDS: Record<SkipReason, string> = {
  entry_conditions: 'does not match the entry conditions',
  already_in_journey: 'is already in this journey',
  reentry_never: 'was in this journey before and may not re-enter',
  reentry_too_soon: 'entered this journey too recently to re-enter',
  priority_group: 'is already in a journey of the same priority group',
  goal_already_met: 'already meets the journey goal',
};
