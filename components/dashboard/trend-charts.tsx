'use client';
/** Recharts pieces for the dashboard's time axis; every bar navigates to the leads behind it. */
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/components/ui/use-format';
import { isLifecycle } from './labels';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export const PALETTE = ['#4f46e5', '#0891b2', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#db2777', '#65a30d', '#0d9488', '#9333ea'];

export function leadsHref(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  return `/leads?${params.toString()}`;
}

/** Rows of { day, key, n } pivoted to one row per day with a column per key, for stacked bars. */
export function pivot(rows: readonly { day: string; key: string; n: number }[]): { data: Record<string, string | number>[]; keys: string[] } {
  const keys = [...new Set(rows.map((r) => r.key))].sort();
  const byDay = new Map<string, Record<string, string | number>>();
  for (const r of rows) {
    const row = byDay.get(r.day) ?? { day: r.day };
    row[r.key] = r.n;
    byDay.set(r.day, row);
  }
  return { data: [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day))), keys };
}

type BarEvent = { payload?: Record<string, string | number | null> };

export function StackedDays({ rows, filterKey, testId }: { rows: readonly { day: string; key: string; n: number }[]; filterKey: 'source' | 'utmCampaign'; testId: string }) {
  const router = useRouter();
  const t = useTranslations('dashboard.trends');
  const f = useFormat();
  const { data, keys } = pivot(rows);
  if (data.length === 0) return <p className="muted">{t('noLeads')}</p>;
  return (
    <div data-testid={testId}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} tickFormatter={f.day} />
          <YAxis allowDecimals={false} fontSize={11} tickFormatter={f.number} />
          <Tooltip />
          <Legend />
          {keys.map((k, i) => (
            <Bar
              key={k}
              dataKey={k}
              stackId="a"
              fill={PALETTE[i % PALETTE.length]}
              cursor="pointer"
              name={k}
              className={`series-${k.replace(/[^a-z0-9_-]/gi, '_')}`}
              onClick={(e: BarEvent) => {
                const d = String(e.payload?.day ?? '');
                router.push(leadsHref({ [filterKey]: k, createdFrom: d, createdTo: d }));
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function FunnelChart({ rows, from, to }: { rows: readonly { stage: string; count: number }[]; from: string; to: string }) {
  const router = useRouter();
  const t = useTranslations('dashboard.trends');
  const tl = useTranslations('lifecycle');
  return (
    <div data-testid="funnel-chart">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows.map((r) => ({ ...r, label: isLifecycle(r.stage) ? tl(r.stage) : r.stage.toUpperCase() }))} layout="vertical" margin={{ left: 40 }}>
          <XAxis type="number" allowDecimals={false} fontSize={11} />
          <YAxis type="category" dataKey="label" fontSize={12} />
          <Tooltip />
          <Bar
            dataKey="count"
            fill="#4f46e5"
            cursor="pointer"
            name={t('leadsSeries')}
            onClick={(e: BarEvent) => router.push(leadsHref({ lifecycle: String(e.payload?.stage ?? ''), createdFrom: from, createdTo: to }))}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function HandoffDays({ rows }: { rows: readonly { day: string; medianMinutes: number | null; slaCompliance: number | null; total: number }[] }) {
  const router = useRouter();
  const t = useTranslations('dashboard.trends');
  const f = useFormat();
  if (rows.length === 0) return <p className="muted">{t('noHandoffs')}</p>;
  const data = rows.map((r) => ({ day: r.day, minutes: r.medianMinutes === null ? null : Math.round(r.medianMinutes * 10) / 10, sla: r.slaCompliance === null ? null : Math.round(r.slaCompliance * 100), total: r.total }));
  return (
    <div data-testid="handoff-chart" className="grid">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} tickFormatter={f.day} />
          <YAxis fontSize={11} tickFormatter={(v: number) => f.minutes(v, 0)} />
          <Tooltip />
          <Bar dataKey="minutes" name={t('medianSeries')} fill="#d97706" cursor="pointer" onClick={(e: BarEvent) => router.push(leadsHref({ handoffFrom: String(e.payload?.day), handoffTo: String(e.payload?.day) }))} />
        </BarChart>
      </ResponsiveContainer>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} tickFormatter={f.day} />
          <YAxis domain={[0, 100]} fontSize={11} tickFormatter={(v: number) => f.pct(v / 100, 0)} />
          <Tooltip />
          <Line dataKey="sla" name={t('slaSeries')} stroke="#16a34a" connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function EmailRateLines({ rows }: { rows: readonly { day: string; template: string; variant: string | null; openRate: number | null; clickRate: number | null }[] }) {
  const t = useTranslations('dashboard.trends');
  const f = useFormat();
  const keyOf = (r: { template: string; variant: string | null }) => (r.variant ? `${r.template} · ${r.variant}` : r.template);
  const series = [...new Set(rows.map(keyOf))].sort();
  const byDay = new Map<string, Record<string, string | number | null>>();
  for (const r of rows) {
    const row = byDay.get(r.day) ?? { day: r.day };
    row[`${keyOf(r)} open`] = r.openRate === null ? null : Math.round(r.openRate * 1000) / 10;
    row[`${keyOf(r)} click`] = r.clickRate === null ? null : Math.round(r.clickRate * 1000) / 10;
    byDay.set(r.day, row);
  }
  const data = [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day)));
  if (data.length === 0) return <p className="muted">{t('noEmails')}</p>;
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" fontSize={11} tickFormatter={f.day} />
        <YAxis fontSize={11} tickFormatter={(v: number) => f.pct(v / 100, 0)} />
        <Tooltip />
        <Legend />
        {series.flatMap((s, i) => [
          <Line key={`${s} open`} dataKey={`${s} open`} name={`${s} ${t('open')}`} stroke={PALETTE[i % PALETTE.length]} connectNulls />,
          <Line key={`${s} click`} dataKey={`${s} click`} name={`${s} ${t('click')}`} stroke={PALETTE[i % PALETTE.length]} strokeDasharray="4 3" connectNulls />,
        ])}
      </LineChart>
    </ResponsiveContainer>
  );
}
