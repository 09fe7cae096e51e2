/** One row per chaos scenario and the table `npm run chaos` prints; a row fails when anything was lost, sent twice or late. */

export interface EmailCounts {
  expected: number;
  sent: number;
  lost: number;
  duplicated: number;
}

export interface HandoffCounts {
  /** Hand-offs whose SLA should have reminded and escalated. */
  expected: number;
  /** Hand-offs whose reminder and escalation both went out. */
  notified: number;
  /** Hand-offs whose reminder or escalation went out later than its deadline plus the scenario's tolerance (or never). */
  late: number;
}

export interface Row {
  scenario: string;
  emails?: EmailCounts;
  handoffs?: HandoffCounts;
  seconds: number;
  /** Scenario-specific figures printed under the table (timers fired, time to drain, …). */
  details?: string[];
  /** Anything else that makes the run fail (e.g. a timer that fired twice), in words. */
  problems?: string[];
}

export function rowFailed(r: Row): boolean {
  const e = r.emails;
  const h = r.handoffs;
  return Boolean((e && (e.lost > 0 || e.duplicated > 0 || e.sent < e.expected)) || (h && (h.notified < h.expected || h.late > 0)) || r.problems?.length);
}

const dash = (n: number | undefined) => (n === undefined ? '–' : String(n));

export function formatTable(rows: Row[]): string {
  const lines = [
    'scenario | emails expected | sent | lost | duplicated | hand-offs expected | notified | late | seconds | result',
    '--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---',
  ];
  for (const r of rows) {
    const e = r.emails;
    const h = r.handoffs;
    lines.push([r.scenario, dash(e?.expected), dash(e?.sent), dash(e?.lost), dash(e?.duplicated), dash(h?.expected), dash(h?.notified), dash(h?.late), r.seconds, rowFailed(r) ? 'FAIL' : 'ok'].join(' | '));
  }
  const notes = rows.flatMap((r) => [...(r.details ?? []), ...(r.problems ?? []).map((p) => `PROBLEM: ${p}`)].map((d) => `- ${r.scenario.split(' ')[0]}: ${d}`));
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}
