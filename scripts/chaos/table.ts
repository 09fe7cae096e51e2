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

/** Provider webhooks (F4): distinct real deliveries, how many the product applied, applied twice, and forged ones it took. */
export interface WebhookCounts {
  expected: number;
  applied: number;
  duplicated: number;
  forgedAccepted: number;
}

/** Ingested events (F5): posted, stored in Postgres, applied by their run or held for it, and lost or counted twice on the way. */
export interface EventCounts {
  sent: number;
  stored: number;
  reached: number;
  held: number;
  lost: number;
  duplicated: number;
}

export interface Row {
  scenario: string;
  emails?: EmailCounts;
  handoffs?: HandoffCounts;
  webhooks?: WebhookCounts;
  events?: EventCounts;
  seconds: number;
  /** Scenario-specific figures printed under the table (timers fired, time to drain, …). */
  details?: string[];
  /** Anything else that makes the run fail (e.g. a timer that fired twice), in words. */
  problems?: string[];
}

export function rowFailed(r: Row): boolean {
  const e = r.emails;
  const h = r.handoffs;
  const w = r.webhooks;
  const v = r.events;
  return Boolean(
    (e && (e.lost > 0 || e.duplicated > 0 || e.sent < e.expected)) ||
      (h && (h.notified < h.expected || h.late > 0)) ||
      (w && (w.applied < w.expected || w.duplicated > 0 || w.forgedAccepted > 0)) ||
      (v && (v.lost > 0 || v.duplicated > 0 || v.stored < v.sent)) ||
      r.problems?.length,
  );
}

const dash = (n: number | undefined) => (n === undefined ? '–' : String(n));

/** Webhook and event columns appear only when a scenario that fills them ran, so F1-only output stays narrow. */
const EXTRA: { when: (r: Row) => boolean; heads: string[]; cells: (r: Row) => (number | undefined)[] }[] = [
  { when: (r) => Boolean(r.webhooks), heads: ['webhooks expected', 'applied', 'duplicated', 'forged accepted'], cells: ({ webhooks: w }) => [w?.expected, w?.applied, w?.duplicated, w?.forgedAccepted] },
  {
    when: (r) => Boolean(r.events),
    heads: ['events sent', 'in Postgres', 'at run or held', 'lost', 'duplicated'],
    cells: ({ events: v }) => [v?.sent, v?.stored, v && v.reached + v.held, v?.lost, v?.duplicated],
  },
];

export function formatTable(rows: Row[]): string {
  const extra = EXTRA.filter((x) => rows.some(x.when));
  const heads = ['scenario', 'emails expected', 'sent', 'lost', 'duplicated', 'hand-offs expected', 'notified', 'late', ...extra.flatMap((x) => x.heads), 'seconds', 'result'];
  const lines = [heads.join(' | '), ['---', ...heads.slice(1, -1).map(() => '---:'), '---'].join(' | ')];
  for (const r of rows) {
    const e = r.emails;
    const h = r.handoffs;
    const more = extra.flatMap((x) => x.cells(r).map(dash));
    lines.push([r.scenario, dash(e?.expected), dash(e?.sent), dash(e?.lost), dash(e?.duplicated), dash(h?.expected), dash(h?.notified), dash(h?.late), ...more, r.seconds, rowFailed(r) ? 'FAIL' : 'ok'].join(' | '));
  }
  const notes = rows.flatMap((r) => [...(r.details ?? []), ...(r.problems ?? []).map((p) => `PROBLEM: ${p}`)].map((d) => `- ${r.scenario.split(' ')[0]}: ${d}`));
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}
