'use client';
/** A/B tests across published journeys, with the metric the verdict is judged on. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { ExperimentCard } from './experiment-card';

type Metric = 'opened' | 'clicked' | 'converted';

export function ExperimentsPanel() {
  const trpc = useTRPC();
  const [metric, setMetric] = useState<Metric>('clicked');
  const list = useQuery(trpc.experiments.list.queryOptions({ metric }, { refetchInterval: 30_000 }));
  return (
    <section className="card" aria-labelledby="experiments-h" data-testid="experiments">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="experiments-h" style={{ margin: 0 }}>
          A/B tests
        </h2>
        <div>
          <label htmlFor="exp-metric">Judge on</label>
          <select id="exp-metric" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            <option value="clicked">Click-through</option>
            <option value="opened">Open rate</option>
            <option value="converted">Conversion (the journey goal, else reached hand-off)</option>
          </select>
        </div>
      </div>
      <p className="muted" style={{ fontSize: 13 }}>
        Two-sided two-proportion z-test of the leading variant against each other one (95 % confidence, split across variants). &ldquo;Still
        needed&rdquo; is the sample per variant for 80 % power to detect the lift seen so far (or +20 % when there is none).
      </p>
      {list.error && <p className="alert" role="alert">{list.error.message}</p>}
      {list.data?.length === 0 && <p className="muted">No published journey has an A/B split or an email with variants yet.</p>}
      {list.data?.map((exp) => <ExperimentCard key={`${exp.journeyId}:${exp.nodeId}`} exp={exp} />)}
    </section>
  );
}
