'use client';
/** One A/B node: a row per variant with its rates, the verdict, the sample still needed, and "Declare winner". */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Outputs } from '@/components/dashboard/format';
import { useFormat } from '@/components/ui/use-format';
import { useServerText } from '@/components/ui/use-server-text';
import { useTRPC } from '@/lib/trpc/client';
import { AutoWinnerPanel } from './auto-winner-panel';

export type Experiment = Outputs['experiments']['list'][number];

export function ExperimentCard({ exp }: { exp: Experiment }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const t = useTranslations('emails.ab');
  const { pct, number } = useFormat();
  const say = useServerText();
  const declare = useMutation(
    trpc.experiments.declareWinner.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.experiments.list.queryKey() }) }),
  );
  const v = exp.verdict;
  const testId = `experiment-${exp.journeyId}-${exp.nodeId}`;
  return (
    <div data-testid={testId} style={{ marginBottom: 16 }}>
      <table>
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: '8px 0' }}>
          {exp.journeyName} · {exp.nodeLabel} <span className="muted">{t('caption', { version: exp.version, template: exp.template ? `, ${exp.template}` : '', unit: exp.unit })}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('variant')}</th>
            <th scope="col">{t('weight')}</th>
            <th scope="col">{exp.unit === 'leads' ? t('leads') : t('sent')}</th>
            <th scope="col">{t('delivered')}</th>
            <th scope="col">{t('openedCol')}</th>
            <th scope="col">{t('clickedCol')}</th>
            <th scope="col" title={exp.goal ? t('goal', { goal: exp.goal }) : t('reachedHandoff')}>{exp.goal ? t('convertedGoal', { goal: exp.goal }) : t('convertedCol')}</th>
            <th scope="col">{t('pValue')}</th>
            <th scope="col">{t('stillNeeded')}</th>
            <th scope="col" aria-label={t('actions')} />
          </tr>
        </thead>
        <tbody>
          {v.variants.map((row) => (
            <tr key={row.id} data-testid={`${testId}-variant-${row.id}`}>
              <th scope="row">
                {row.label ?? row.id}
                {row.id === v.leader && <span className="muted">{t('leader')}</span>}
              </th>
              <td>{exp.weights[row.id] ?? 0}%</td>
              <td>{number(row.sent)}</td>
              <td>{pct(row.deliveryRate)}</td>
              <td>{pct(row.openRate)}</td>
              <td>{pct(row.clickRate)}</td>
              <td>{pct(row.conversionRate)}</td>
              <td>{row.pValue === null ? '—' : row.pValue.toFixed(4)}</td>
              <td>{row.remaining === null ? '—' : number(row.remaining)}</td>
              <td>
                {exp.verdict.variants.length < 2 ? null : exp.concludedWith === row.id ? (
                  <strong>{t('sendingOnly')}</strong>
                ) : (
                  <button
                    className="secondary"
                    disabled={declare.isPending}
                    data-testid={`declare-${row.id}`}
                    onClick={() => {
                      const warn = v.winner === row.id ? '' : t('notShownBetter');
                      if (window.confirm(t('confirmDeclare', { journey: exp.journeyName, variant: row.id }) + warn)) {
                        declare.mutate({ journeyId: exp.journeyId, nodeId: exp.nodeId, variantId: row.id });
                      }
                    }}
                  >
                    {t('declare')}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {exp.holdout && (
            <tr data-testid={`${testId}-holdout`}>
              <th scope="row">{exp.holdout.label}</th>
              <td>{exp.holdout.comparison.percent}%</td>
              <td>{number(exp.holdout.sent)}</td>
              <td>—</td>
              <td>—</td>
              <td>—</td>
              <td>{pct(exp.holdout.comparison.conversionRate)}</td>
              <td colSpan={3} className="muted">
                {t('noEmail')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {exp.holdout && <p data-testid={`${testId}-lift`}>{say(exp.holdout.comparison.summaryText, exp.holdout.comparison.summary)}</p>}
      <p data-testid={`${testId}-verdict`}>
        <strong>{exp.concludedWith ? t('concluded', { variant: exp.concludedWith }) : t(`status.${v.status}`)}</strong> — {say(v.summaryText, v.summary)}
        {v.confidence !== null && <span className="muted">{t('confidence', { value: pct(v.confidence) })}</span>}
      </p>
      {v.srm?.mismatch && (
        <p className="alert" role="alert" data-testid={`${testId}-srm`}>
          {t('srm', { observed: Object.values(v.srm.observed).join(' / '), expected: Object.values(v.srm.expected).join(' / '), p: v.srm.pValue.toFixed(4) })}
        </p>
      )}
      {v.variants.length > 1 && <AutoWinnerPanel exp={exp} testId={testId} />}
      {declare.error && <p className="alert" role="alert">{declare.error.message}</p>}
      {declare.data && <p role="status">{t('declared', { version: declare.data.version, step: exp.nodeLabel, winner: declare.data.winner })}</p>}
    </div>
  );
}
