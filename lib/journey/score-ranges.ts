/** Checks that a score branch's ranges cover every integer score exactly once, so no lead is stranded or double-routed. */

export interface ScoreRangeLike {
  output: string;
  label?: string;
  min: number | null;
  max: number | null;
}

export interface RangeProblem {
  code: 'score_range_gap' | 'score_range_overlap' | 'score_range_empty';
  message: string;
}

function scores(lo: number, hi: number): string {
  if (lo === -Infinity && hi === Infinity) return 'every score';
  if (lo === -Infinity) return `scores up to ${hi}`;
  if (hi === Infinity) return `scores of ${lo} and above`;
  if (lo === hi) return `a score of ${lo}`;
  return `scores ${lo} to ${hi}`;
}

const rangeName = (r: ScoreRangeLike) => `“${r.label?.trim() || r.output}”`;

/** Ranges are inclusive at both ends and null is open; sorting by lower bound makes one pass enough. */
export function scoreRangeProblems(ranges: readonly ScoreRangeLike[]): RangeProblem[] {
  const problems: RangeProblem[] = [];
  const spans = [];
  for (const r of ranges) {
    const lo = r.min ?? -Infinity;
    const hi = r.max ?? Infinity;
    if (lo > hi) problems.push({ code: 'score_range_empty', message: `the range ${rangeName(r)} starts at ${lo} but ends at ${hi}, so it matches no score.` });
    else spans.push({ r, lo, hi });
  }
  spans.sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  let reach = -Infinity;
  let reachRange: ScoreRangeLike | null = null;
  for (const { r, lo, hi } of spans) {
    const floor = reachRange ? reach + 1 : -Infinity;
    if (lo > floor) {
      problems.push({ code: 'score_range_gap', message: `${scores(floor, lo - 1)} match no range, so those leads would be stranded.` });
    } else if (reachRange && lo <= reach) {
      problems.push({
        code: 'score_range_overlap',
        message: `${scores(lo, Math.min(reach, hi))} match both ${rangeName(reachRange)} and ${rangeName(r)}; ranges must not overlap.`,
      });
    }
    if (!reachRange || hi > reach) {
      reach = hi;
      reachRange = r;
    }
  }
  if (reachRange && reach < Infinity) {
    problems.push({ code: 'score_range_gap', message: `${scores(reach + 1, Infinity)} match no range, so those leads would be stranded.` });
  }
  return problems;
}
