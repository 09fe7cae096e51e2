'use client';
/** The dashboard: the SPEC's measure-and-optimise numbers, refreshed while it is open. */
import { useQuery } from '@tanstack/react-query';
import { BounceAlert } from '@/components/emails/bounce-alert';
import { useTRPC } from '@/lib/trpc/client';
import { EmailPerformance } from './email-performance';
import { SalesPerformance } from './sales-performance';
import { Bars } from './bars';
import { dateTime, duration, pct } from './format';

function Stat({ label, value, hint, testId }: { label: string; value: string | number; hint?: string; testId?: string }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="muted">{label}</div>
      <div style={{ fontSize: 26, fontWeight: 700 }}>{value}</div>
      {hint && <div className="muted" style={{ fontSize: 13 }}>{hint}</div>}
    </div>
  );
}

export function Dashboard() {
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery(trpc.dashboard.summary.queryOptions({}, { refetchInterval: 10_000 }));
  if (isPending) return <p className="muted">Loading…</p>;
  if (error) return <p className="alert" role="alert">Could not load the dashboard: {error.message}</p>;
  const { handoff, conversion, lifecycle } = data;
  return (
    <>
      <BounceAlert bounce={data.bounce} />
      {handoff.openPastSla > 0 && (
        <div className="alert" role="alert" data-testid="sla-alert">
          {handoff.openPastSla} hand-off{handoff.openPastSla === 1 ? ' is' : 's are'} waiting past the SLA.
        </div>
      )}
      <div className="grid" aria-label="Key numbers">
        <Stat label="Active leads" value={data.active} testId="stat-active" />
        <Stat label="MQL / SQL" value={`${lifecycle.mql ?? 0} / ${lifecycle.sql ?? 0}`} hint="marketing- / sales-qualified" testId="stat-lifecycle" />
        <Stat label="Lead → opportunity" value={pct(conversion.rate)} hint={`${conversion.opportunities} of ${conversion.leads} leads`} testId="stat-conversion" />
        <Stat
          label="Average hand-off time"
          value={duration(handoff.avgMs)}
          hint={`median ${duration(handoff.medianMs)} over ${handoff.acknowledged} acknowledged`}
          testId="stat-handoff"
        />
        <Stat label="Open hand-offs" value={handoff.open} hint={`${handoff.openPastSla} past SLA`} testId="stat-open-handoffs" />
        <Stat label="Open rate / click rate" value={`${pct(data.emails.totals.openRate)} / ${pct(data.emails.totals.clickRate)}`} hint={`${data.emails.totals.sent} emails sent`} />
      </div>
      <div className="grid">
        <section className="card" aria-labelledby="stages-h">
          <h2 id="stages-h">Leads per stage</h2>
          <Bars testId="stage-bars" items={Object.entries(data.stages).map(([label, count]) => ({ label, count, href: `/leads?stage=${label}` }))} />
        </section>
        <section className="card" aria-labelledby="lifecycle-h">
          <h2 id="lifecycle-h">Lifecycle</h2>
          <Bars testId="lifecycle-bars" items={Object.entries(lifecycle).map(([label, count]) => ({ label: label.toUpperCase(), count }))} />
        </section>
        <section className="card" aria-labelledby="scores-h">
          <h2 id="scores-h">Score distribution</h2>
          <Bars testId="score-bars" items={data.scores.map((b) => ({ label: b.label, count: b.count }))} />
        </section>
      </div>
      <SalesPerformance />
      <EmailPerformance emails={data.emails} />
      <p className="muted" style={{ fontSize: 12 }}>Updated {dateTime(data.generatedAt)}</p>
    </>
  );
}
