'use client';
/** Sales on the dashboard: lead → opportunity from the outcomes reps record, and each rep's SLA compliance. */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { duration, pct } from './format';

export function SalesPerformance() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.desk.performance.queryOptions({ sinceDays: 90 }, { refetchInterval: 10_000 }));
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="sales-h" data-testid="sales-performance">
      <h2 id="sales-h">Sales (last {data.sinceDays} days)</h2>
      <p>
        Handed-off leads turned into opportunities:{' '}
        <strong data-testid="handoff-opportunity-rate">{pct(data.leadToOpportunity)}</strong>{' '}
        <span className="muted">
          ({data.opportunities} of {data.handedOff}, from reps&apos; recorded outcomes)
        </span>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Rep</th>
            <th scope="col">Hand-offs</th>
            <th scope="col">Acknowledged within SLA</th>
            <th scope="col">Median time to acknowledge</th>
            <th scope="col">Opportunities</th>
          </tr>
        </thead>
        <tbody>
          {data.reps.map((r) => (
            <tr key={r.ownerId} data-testid="rep-row" data-handle={r.handle}>
              <td>{r.name}</td>
              <td>{r.handoffs}</td>
              <td>{pct(r.slaCompliance)}</td>
              <td>{duration(r.medianAckMs)}</td>
              <td>{r.opportunities}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
