'use client';
/** Sales on the dashboard: lead → opportunity from the outcomes reps record, and each rep's SLA compliance. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';

export function SalesPerformance() {
  const trpc = useTRPC();
  const t = useTranslations('dashboard.sales');
  const f = useFormat();
  const { data } = useQuery(trpc.desk.performance.queryOptions({ sinceDays: 90 }, { refetchInterval: 10_000 }));
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="sales-h" data-testid="sales-performance">
      <h2 id="sales-h">{t('title', { days: data.sinceDays })}</h2>
      <p>
        {t('rate')} <strong data-testid="handoff-opportunity-rate">{f.pct(data.leadToOpportunity)}</strong>{' '}
        <span className="muted">{t('rateHint', { opportunities: data.opportunities, handedOff: data.handedOff })}</span>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('rep')}</th>
            <th scope="col">{t('handoffs')}</th>
            <th scope="col">{t('withinSla')}</th>
            <th scope="col">{t('medianAck')}</th>
            <th scope="col">{t('opportunities')}</th>
          </tr>
        </thead>
        <tbody>
          {data.reps.map((r) => (
            <tr key={r.ownerId} data-testid="rep-row" data-handle={r.handle}>
              <td>{r.name}</td>
              <td>{r.handoffs}</td>
              <td>{f.pct(r.slaCompliance)}</td>
              <td>{f.duration(r.medianAckMs)}</td>
              <td>{r.opportunities}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
