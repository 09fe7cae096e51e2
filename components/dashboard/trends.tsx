'use client';
/** The dashboard over a date range: charts and tables whose bars, rows and figures link to the leads behind them. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { pct } from './format';
import { EmailRateLines, FunnelChart, HandoffDays, leadsHref, StackedDays } from './trend-charts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));
const monthBounds = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { createdFrom: `${month}-01`, createdTo: isoDay(new Date(Date.UTC(y, m, 0))) };
};
const minutes = (m: number | null) => (m === null ? '—' : `${m.toFixed(1)} min`);

function Delta({ now, before, better, format }: { now: number | null; before: number | null; better: 'up' | 'down'; format: (v: number) => string }) {
  if (now === null || before === null) return null;
  const diff = now - before;
  if (diff === 0) return <span className="muted"> (=)</span>;
  const good = (diff > 0) === (better === 'up');
  return <span style={{ color: good ? 'var(--ok)' : 'var(--hot)', fontSize: 12 }}> ({diff > 0 ? '+' : '−'}{format(Math.abs(diff))})</span>;
}

export function Trends({ initialFrom, initialTo }: { initialFrom?: string; initialTo?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [range, setRange] = useState({ from: initialFrom ?? daysAgo(29), to: initialTo ?? isoDay(new Date()) });
  const valid = range.from <= range.to;
  const { data, error, isFetching } = useQuery({ ...trpc.trends.overview.queryOptions(range, { enabled: valid }), placeholderData: keepPreviousData });
  const change = (next: { from: string; to: string }) => {
    setRange(next);
    router.replace(`/dashboard?from=${next.from}&to=${next.to}`, { scroll: false });
  };
  const rangeFilter = { createdFrom: range.from, createdTo: range.to };

  return (
    <section aria-labelledby="trends-h">
      <h2 id="trends-h">Over time</h2>
      <div className="row card" role="group" aria-label="Date range">
        <div>
          <label htmlFor="range-from">From</label>
          <input id="range-from" data-testid="range-from" type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && change({ ...range, from: e.target.value })} />
        </div>
        <div>
          <label htmlFor="range-to">To</label>
          <input id="range-to" data-testid="range-to" type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && change({ ...range, to: e.target.value })} />
        </div>
        {[7, 30, 90, 365].map((n) => (
          <button key={n} className="secondary" style={{ marginTop: 18 }} onClick={() => change({ from: daysAgo(n - 1), to: isoDay(new Date()) })}>
            Last {n} days
          </button>
        ))}
        <span className="muted" style={{ marginTop: 18 }} aria-live="polite">
          {isFetching ? 'updating…' : ''}
        </span>
      </div>
      {!valid && <p className="alert" role="alert">“From” must not be after “To”.</p>}
      {error && <p className="alert" role="alert">Could not load the charts: {error.message}</p>}
      {data && (
        <>
          <div className="grid">
            <section className="card" aria-labelledby="per-source-h">
              <h3 id="per-source-h">
                Leads per day by source · <Link href={leadsHref(rangeFilter)}>all {data.leadsPerDay.bySource.reduce((s, r) => s + r.n, 0)}</Link>
              </h3>
              <StackedDays rows={data.leadsPerDay.bySource} filterKey="source" testId="chart-source" />
            </section>
            <section className="card" aria-labelledby="per-campaign-h">
              <h3 id="per-campaign-h">Leads per day by UTM campaign</h3>
              <StackedDays rows={data.leadsPerDay.byCampaign} filterKey="utmCampaign" testId="chart-campaign" />
            </section>
          </div>
          <div className="grid">
            <section className="card" aria-labelledby="funnel-h">
              <h3 id="funnel-h">Funnel (leads created in the range)</h3>
              <FunnelChart rows={data.funnel} from={range.from} to={range.to} />
              <p className="muted" data-testid="funnel-rates">
                {data.funnel.slice(1).map((s, i) => `${data.funnel[i]!.stage.toUpperCase()} → ${s.stage.toUpperCase()} ${pct(data.funnel[i]!.count ? s.count / data.funnel[i]!.count : null)}`).join(' · ')}
              </p>
            </section>
            <section className="card" aria-labelledby="handoff-h">
              <h3 id="handoff-h">Hand-off time and SLA compliance</h3>
              <HandoffDays rows={data.handoffs.byDay} />
              <table data-testid="handoff-reps">
                <thead>
                  <tr>
                    <th scope="col">Rep</th>
                    <th scope="col">Hand-offs</th>
                    <th scope="col">Median</th>
                    <th scope="col">Within SLA</th>
                  </tr>
                </thead>
                <tbody>
                  {data.handoffs.byRep.map((r) => (
                    <tr key={r.handle}>
                      <td>
                        <Link href={leadsHref({ owner: r.handle, handoffFrom: range.from, handoffTo: range.to })}>{r.name}</Link>
                      </td>
                      <td>{r.total}</td>
                      <td>{minutes(r.medianMinutes)}</td>
                      <td>{pct(r.slaCompliance)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <section className="card" aria-labelledby="email-rates-h">
            <h3 id="email-rates-h">Open (solid) and click (dashed) rates per template and variant</h3>
            <EmailRateLines rows={data.emails} />
          </section>
          <section className="card" aria-labelledby="mom-h">
            <h3 id="mom-h">Month over month (the seeds&apos; before/after KPIs)</h3>
            <table data-testid="mom-table">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">Hot leads (≥ 60)</th>
                  <th scope="col">Open rate</th>
                  <th scope="col">Click-through</th>
                  <th scope="col">Hand-off (median)</th>
                  <th scope="col">Lead → opportunity</th>
                </tr>
              </thead>
              <tbody>
                {data.monthOverMonth.map((m) => {
                  const b = monthBounds(m.month);
                  const sent = { sentFrom: b.createdFrom, sentTo: b.createdTo };
                  return (
                    <tr key={m.month}>
                      <th scope="row">{m.month}</th>
                      <td>
                        <Link href={leadsHref({ ...b, hotOnly: '1' })}>{m.hotLeads}</Link>
                        <Delta now={m.hotLeads} before={m.previous.hotLeads} better="up" format={String} />
                      </td>
                      <td>
                        <Link href={leadsHref(sent)}>{pct(m.openRate)}</Link>
                        <Delta now={m.openRate} before={m.previous.openRate} better="up" format={(v) => pct(v)} />
                      </td>
                      <td>
                        <Link href={leadsHref(sent)}>{pct(m.clickRate)}</Link>
                        <Delta now={m.clickRate} before={m.previous.clickRate} better="up" format={(v) => pct(v)} />
                      </td>
                      <td>
                        <Link href={leadsHref({ handoffFrom: b.createdFrom, handoffTo: b.createdTo })}>{minutes(m.handoffMinutes)}</Link>
                        <Delta now={m.handoffMinutes} before={m.previous.handoffMinutes} better="down" format={(v) => `${v.toFixed(1)} min`} />
                      </td>
                      <td>
                        <Link href={leadsHref({ ...b, lifecycle: 'opportunity' })}>{pct(m.leadToOpportunity)}</Link>
                        <Delta now={m.leadToOpportunity} before={m.previous.leadToOpportunity} better="up" format={(v) => pct(v)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
