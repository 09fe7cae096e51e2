/** The Prometheus registry behind /api/metrics: business metrics from Postgres at scrape time plus this process's Node metrics. */
import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';
import type { Db } from '@/db/client';
import { HANDOFF_LATENCY_BUCKETS, readMetricsSnapshot, SCORE_RATE_WINDOW_S, type LatencyHistogram, type MetricsSnapshot } from './metrics-snapshot';

type Labels = Record<string, string | number>;
type Sample = { value: number; labels?: Labels; metricName?: string };
interface Definition {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: (s: MetricsSnapshot) => Sample[];
}

function histogram(stage: string, h: LatencyHistogram, name: string): Sample[] {
  return [
    ...HANDOFF_LATENCY_BUCKETS.map((le, i) => ({ metricName: `${name}_bucket`, labels: { stage, le }, value: h.buckets[i] ?? 0 })),
    { metricName: `${name}_bucket`, labels: { stage, le: '+Inf' }, value: h.count },
    { metricName: `${name}_sum`, labels: { stage }, value: h.sum },
    { metricName: `${name}_count`, labels: { stage }, value: h.count },
  ];
}

/** Every business metric Leadflow exports; ops/grafana/leadflow.json may reference only these (and the process metrics). */
export const DEFINITIONS: Definition[] = [
  { name: 'leadflow_leads_captured_total', type: 'counter', help: 'Lead captures (touchpoints) by source.', samples: (s) => s.leadsBySource.map((r) => ({ labels: { source: r.source }, value: r.n })) },
  { name: 'leadflow_events_total', type: 'counter', help: 'Lead events recorded (each event id once), by type.', samples: (s) => s.eventsByType.map((r) => ({ labels: { type: r.type }, value: r.n })) },
  { name: 'leadflow_score_changes_total', type: 'counter', help: 'Score changes applied by scoring rules.', samples: (s) => [{ value: s.scoreChanges }] },
  {
    name: 'leadflow_lead_score_rate',
    type: 'gauge',
    help: `Score changes per second, averaged over the last ${SCORE_RATE_WINDOW_S} s.`,
    samples: (s) => [{ value: s.scoreChangesRecent / SCORE_RATE_WINDOW_S }],
  },
  { name: 'leadflow_emails_total', type: 'counter', help: 'Emails by kind (marketing, sales, account: sign-in links, resets, invitations) and current outcome (queued, sent, delivered, opened, clicked, bounced, failed, …).', samples: (s) => s.emailsByStatus.map((r) => ({ labels: { kind: r.kind, outcome: r.status }, value: r.n })) },
  {
    name: 'leadflow_email_success_rate',
    type: 'gauge',
    help: 'Share of marketing and sales emails (account mail left out) created in the last 24 h that were accepted (sent or later) among those accepted, failed or bounced; NaN with none.',
    samples: (s) => {
      const done = s.emailSuccess24h + s.emailFailure24h;
      return [{ value: done === 0 ? Number.NaN : s.emailSuccess24h / done }];
    },
  },
  { name: 'leadflow_handoffs_created_total', type: 'counter', help: 'Hand-offs of leads to sales owners.', samples: (s) => [{ value: s.handoffs.created }] },
  { name: 'leadflow_handoffs_notified_total', type: 'counter', help: 'Hand-offs whose owner was notified (Slack, email, CRM task).', samples: (s) => [{ value: s.handoffs.notified }] },
  { name: 'leadflow_handoffs_acknowledged_total', type: 'counter', help: 'Hand-offs the owner acknowledged.', samples: (s) => [{ value: s.handoffs.acknowledged }] },
  { name: 'leadflow_handoffs_open', type: 'gauge', help: 'Hand-offs not yet acknowledged.', samples: (s) => [{ value: s.handoffs.open }] },
  {
    name: 'leadflow_handoff_sla_breaches_total',
    type: 'counter',
    help: 'Hand-offs acknowledged after their SLA, or still unacknowledged past it.',
    samples: (s) => [{ value: s.handoffs.slaBreaches }],
  },
  { name: 'leadflow_handoff_escalations_total', type: 'counter', help: 'Hand-offs escalated to the sales manager.', samples: (s) => [{ value: s.handoffs.escalated }] },
  { name: 'leadflow_handoff_reminders_total', type: 'counter', help: 'SLA reminders sent to owners.', samples: (s) => [{ value: s.handoffs.reminders }] },
  {
    name: 'leadflow_handoff_latency_seconds',
    type: 'histogram',
    help: 'Seconds from a lead turning hot to its owner being notified (stage="notified") or acknowledging (stage="acknowledged").',
    samples: (s) => [...histogram('notified', s.latency.notified, 'leadflow_handoff_latency_seconds'), ...histogram('acknowledged', s.latency.acknowledged, 'leadflow_handoff_latency_seconds')],
  },
  { name: 'leadflow_outbox_pending', type: 'gauge', help: 'Signals written but not yet delivered to Temporal (dead letters excluded).', samples: (s) => [{ value: s.outbox.pending }] },
  { name: 'leadflow_outbox_lag_seconds', type: 'gauge', help: 'Age of the oldest undelivered signal (0 when none).', samples: (s) => [{ value: s.outbox.lagSeconds }] },
  { name: 'leadflow_outbox_dead_letters', type: 'gauge', help: 'Signals the relay gave up on (dead letters), waiting for ops.', samples: (s) => [{ value: s.outbox.deadLetters }] },
  { name: 'leadflow_journey_runs', type: 'gauge', help: 'Journey runs by status.', samples: (s) => s.runs.byStatus.map((r) => ({ labels: { status: r.status }, value: r.n })) },
  { name: 'leadflow_failed_runs', type: 'gauge', help: 'Journey runs that failed.', samples: (s) => [{ value: s.runs.byStatus.find((r) => r.status === 'failed')?.n ?? 0 }] },
];

/** Builds a registry whose business metrics share one Postgres snapshot per scrape. */
export function createMetricsRegistry(db: () => Db, opts: { processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  let pending: { at: number; snapshot: Promise<MetricsSnapshot> } | null = null;
  // Every metric's get() runs in the same scrape; they share one read.
  const snapshot = () => {
    if (!pending || Date.now() - pending.at > 1_000) pending = { at: Date.now(), snapshot: readMetricsSnapshot(db()) };
    return pending.snapshot;
  };
  for (const d of DEFINITIONS) {
    const metric = {
      name: d.name,
      help: d.help,
      type: d.type,
      aggregator: 'sum',
      get: async () => ({ name: d.name, help: d.help, type: d.type, aggregator: 'sum', values: d.samples(await snapshot()) }),
    };
    registry.registerMetric(metric as unknown as Metric);
  }
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}
