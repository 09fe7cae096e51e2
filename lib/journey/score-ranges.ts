/** Checks that a score branch's ranges cover every integer score exactly once, so no lead is stranded or double-routed. */
import { english, text, type Text } from '../i18n/server-text';

export interface ScoreRangeLike {
  output: string;
  label?: string;
  min: number | null;
  max: number | null;
}

export interface RangeProblem {
  code: 'score_range_gap' | 'score_range_overlap' | 'score_range_empty';
  message: string;
  text: Text;
}

const say = (key: string, params?: Record<string, string | Text>) => text(`serverText.range.${key}`, params);

function scores(lo: number, hi: number): Text {
  if (lo === -Infinity && hi === Infinity) return say('all');
  if (lo === -Infinity) return say('upTo', { hi: String(hi) });
  if (hi === Infinity) return say('from', { lo: String(lo) });
  if (lo === hi) return say('one', { lo: String(lo) });
  return say('between', { lo: String(lo), hi: String(hi) });
}

const rangeName = (r: ScoreRangeLike) => `“${r.label?.trim() || r.output}”`;
const problem = (code: RangeProblem['code'], t: Text): RangeProblem => ({ code, message: english(t), text: t });

/** Ranges are inclusive at both ends and null is open; sorting by lower bound makes one pass enough. */
export function scoreRangeProblems(ranges: readonly ScoreRangeLike[]): RangeProblem[] {
  const problems: RangeProblem[] = [];
  const spans = [];
  for (const r of ranges) {
    const lo = r.min ?? -Infinity;
    const hi = r.max ?? Infinity;
    if (lo > hi) problems.push(problem('score_range_empty', say('empty', { range: rangeName(r), lo: String(lo), hi: String(hi) })));
    else spans.push({ r, lo, hi });
  }
  spans.sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  let reach = -Infinity;
  let reachRange: ScoreRangeLike | null = null;
  for (const { r, lo, hi } of spans) {
    const floor = reachRange ? reach + 1 : -Infinity;
    if (lo > floor) {
      problems.push(problem('score_range_gap', say('gap', { scores: scores(floor, lo - 1) })));
    } else if (reachRange && lo <= reach) {
      problems.push(problem('score_range_overlap', say('overlap', { scores: scores(lo, Math.min(reach, hi)), a: rangeName(reachRange), b: rangeName(r) })));
    }
    if (!reachRange || hi > reach) {
      reach = hi;
      reachRange = r;
    }
  }
  if (reachRange && reach < Infinity) {
    problems.push(problem('score_range_gap', say('gap', { scores: scores(reach + 1, Infinity) })));
  }
  return problems;
}
