'use client';
/** The dashboard over a date range: charts and tables whose bars, rows and figures link to the leads behind them. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';
import { isLifecycle } from './labels';
import { EmailRateLines, FunnelChart, HandoffDays, leadsHref, StackedDays } from './trend-charts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));
const monthBounds = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { createdFrom: `${month}-01`, createdTo: isoDay(new Date(Date.UTC(y, m, 0))) };
};

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
  const t = useTranslations('dashboard.trends');
  const tl = useTranslations('lifecycle');
  const f = useFormat();
  const stageName = (s: string) => (isLifecycle(s) ? tl(s) : s.toUpperCase());
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
      <h2 id="trends-h">{t('title')}</h2>
      <div className="row card" role="group" aria-label={t('range')}>
        <div>
          <label htmlFor="range-from">{t('from')}</label>
          <input id="range-from" data-testid="range-from" type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && change({ ...range, from: e.target.value })} />
        </div>
        <div>
          <label htmlFor="range-to">{t('to')}</label>
          <input id="range-to" data-testid="range-to" type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && change({ ...range, to: e.target.value })} />
        </div>
        {[7, 30, 90, 365].map((n) => (
          <button key={n} className="secondary" style={{ marginTop: 18 }} onClick={() => change({ from: daysAgo(n - 1), to: isoDay(new Date()) })}>
            {t('lastDays', { days: n })}
          </button>
        ))}
        <span className="muted" style={{ marginTop: 18 }} aria-live="polite">
          {isFetching ? t('updating') : ''}
        </span>
      </div>
      {!valid && <p className="alert" role="alert">{t('badRange')}</p>}
      {error && <p className="alert" role="alert">{t('loadFailed', { message: error.message })}</p>}
      {data && (
        <>
          <div className="grid">
            <section className="card" aria-labelledby="per-source-h">
              <h3 id="per-source-h">
                {t('perSource')} · <Link href={leadsHref(rangeFilter)}>{t('all', { count: data.leadsPerDay.bySource.reduce((s, r) => s + r.n, 0) })}</Link>
              </h3>
              <StackedDays rows={data.leadsPerDay.bySource} filterKey="source" testId="chart-source" />
            </section>
            <section className="card" aria-labelledby="per-campaign-h">
              <h3 id="per-campaign-h">{t('perCampaign')}</h3>
              <StackedDays rows={data.leadsPerDay.byCampaign} filterKey="utmCampaign" testId="chart-campaign" />
            </section>
          </div>
          <div className="grid">
            <section className="card" aria-labelledby="funnel-h">
              <h3 id="funnel-h">{t('funnel')}</h3>
              <FunnelChart rows={data.funnel} from={range.from} to={range.to} />
              <p className="muted" data-testid="funnel-rates">
                {data.funnel
                  .slice(1)
                  .map((s, i) => `${stageName(data.funnel[i]!.stage)} → ${stageName(s.stage)} ${f.pct(data.funnel[i]!.count ? s.count / data.funnel[i]!.count : null)}`)
                  .join(' · ')}
              </p>
            </section>
            <section className="card" aria-labelledby="handoff-h">
              <h3 id="handoff-h">{t('handoff')}</h3>
              <HandoffDays rows={data.handoffs.byDay} />
              <table data-testid="handoff-reps">
                <thead>
                  <tr>
                    <th scope="col">{t('rep')}</th>
                    <th scope="col">{t('handoffs')}</th>
                    <th scope="col">{t('median')}</th>
                    <th scope="col">{t('withinSla')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.handoffs.byRep.map((r) => (
                    <tr key={r.handle}>
                      <td>
                        <Link href={leadsHref({ owner: r.handle, handoffFrom: range.from, handoffTo: range.to })}>{r.name}</Link>
                      </td>
                      <td>{r.total}</td>
                      <td>{f.minutes(r.medianMinutes)}</td>
                      <td>{f.pct(r.slaCompliance)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <section className="card" aria-labelledby="email-rates-h">
            <h3 id="email-rates-h">{t('emailRates')}</h3>
            <EmailRateLines rows={data.emails} />
          </section>
          <section className="card" aria-labelledby="mom-h">
            <h3 id="mom-h">{t('mom')}</h3>
            <table data-testid="mom-table">
              <thead>
                <tr>
                  <th scope="col">{t('month')}</th>
                  <th scope="col">{t('hotLeads')}</th>
                  <th scope="col">{t('openRate')}</th>
                  <th scope="col">{t('clickRate')}</th>
                  <th scope="col">{t('handoffMedian')}</th>
                  <th scope="col">{t('leadToOpp')}</th>
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
                        <Delta now={m.hotLeads} before={m.previous.hotLeads} better="up" format={f.number} />
                      </td>
                      <td>
                        <Link href={leadsHref(sent)}>{f.pct(m.openRate)}</Link>
                        <Delta now={m.openRate} before={m.previous.openRate} better="up" format={(v) => f.pct(v)} />
                      </td>
                      <td>
                        <Link href={leadsHref(sent)}>{f.pct(m.clickRate)}</Link>
                        <Delta now={m.clickRate} before={m.previous.clickRate} better="up" format={(v) => f.pct(v)} />
                      </td>
                      <td>
                        <Link href={leadsHref({ handoffFrom: b.createdFrom, handoffTo: b.createdTo })}>{f.minutes(m.handoffMinutes)}</Link>
                        <Delta now={m.handoffMinutes} before={m.previous.handoffMinutes} better="down" format={(v) => f.minutes(v)} />
                      </td>
                      <td>
                        <Link href={leadsHref({ ...b, lifecycle: 'opportunity' })}>{f.pct(m.leadToOpportunity)}</Link>
                        <Delta now={m.leadToOpportunity} before={m.previous.leadToOpportunity} better="up" format={(v) => f.pct(v)} />
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
