'use client';
/** A/B tests across published journeys, with the metric the verdict is judged on. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { ExperimentCard } from './experiment-card';

type Metric = 'opened' | 'clicked' | 'converted';

export function ExperimentsPanel() {
  const trpc = useTRPC();
  const t = useTranslations('emails.ab');
  const [metric, setMetric] = useState<Metric>('clicked');
  const list = useQuery(trpc.experiments.list.queryOptions({ metric }, { refetchInterval: 30_000 }));
  return (
    <section className="card" aria-labelledby="experiments-h" data-testid="experiments">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="experiments-h" style={{ margin: 0 }}>
          {t('title')}
        </h2>
        <div>
          <label htmlFor="exp-metric">{t('judgeOn')}</label>
          <select id="exp-metric" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            <option value="clicked">{t('clicked')}</option>
            <option value="opened">{t('opened')}</option>
            <option value="converted">{t('converted')}</option>
          </select>
        </div>
      </div>
      <p className="muted" style={{ fontSize: 13 }}>
        {t('method')}
      </p>
      {list.error && <p className="alert" role="alert">{list.error.message}</p>}
      {list.data?.length === 0 && <p className="muted">{t('none')}</p>}
      {list.data?.map((exp) => <ExperimentCard key={`${exp.journeyId}:${exp.nodeId}`} exp={exp} />)}
    </section>
  );
}
