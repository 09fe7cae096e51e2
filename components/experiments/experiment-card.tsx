'use client';
/** One A/B node: a row per variant with its rates, the verdict, the sample still needed, and "Declare winner". */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { pct, type Outputs } from '@/components/dashboard/format';
import { useTRPC } from '@/lib/trpc/client';
import { AutoWinnerPanel } from './auto-winner-panel';

export type Experiment = Outputs['experiments']['list'][number];

const STATUS_TEXT = { winner: 'Winner', no_winner_yet: 'No winner yet', not_enough_data: 'Not enough data' } as const;

export function ExperimentCard({ exp }: { exp: Experiment }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const declare = useMutation(
    trpc.experiments.declareWinner.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.experiments.list.queryKey() }) }),
  );
  const v = exp.verdict;
  const testId = `experiment-${exp.journeyId}-${exp.nodeId}`;
  return (
    <div data-testid={testId} style={{ marginBottom: 16 }}>
      <table>
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: '8px 0' }}>
          {exp.journeyName} · {exp.nodeLabel} <span className="muted">(v{exp.version}{exp.template ? `, ${exp.template}` : ''}, per {exp.unit === 'leads' ? 'lead' : 'email'})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Weight</th>
            <th scope="col">{exp.unit === 'leads' ? 'Leads' : 'Sent'}</th>
            <th scope="col">Delivered</th>
            <th scope="col">Opened</th>
            <th scope="col">Clicked</th>
            <th scope="col" title={exp.goal ? `Goal: ${exp.goal}` : 'Reached a hand-off'}>{exp.goal ? `Converted (${exp.goal})` : 'Converted'}</th>
            <th scope="col">p vs leader</th>
            <th scope="col">Still needed</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {v.variants.map((row) => (
            <tr key={row.id} data-testid={`${testId}-variant-${row.id}`}>
              <th scope="row">
                {row.label ?? row.id}
                {row.id === v.leader && <span className="muted"> · leader</span>}
              </th>
              <td>{exp.weights[row.id] ?? 0}%</td>
              <td>{row.sent}</td>
              <td>{pct(row.deliveryRate)}</td>
              <td>{pct(row.openRate)}</td>
              <td>{pct(row.clickRate)}</td>
              <td>{pct(row.conversionRate)}</td>
              <td>{row.pValue === null ? '—' : row.pValue.toFixed(4)}</td>
              <td>{row.remaining === null ? '—' : row.remaining}</td>
              <td>
                {exp.verdict.variants.length < 2 ? null : exp.concludedWith === row.id ? (
                  <strong>Sending only this</strong>
                ) : (
                  <button
                    className="secondary"
                    disabled={declare.isPending}
                    data-testid={`declare-${row.id}`}
                    onClick={() => {
                      const warn = v.winner === row.id ? '' : ' The test has not shown it is better.';
                      if (window.confirm(`Publish a new version of “${exp.journeyName}” that sends only ${row.id}?${warn}`)) {
                        declare.mutate({ journeyId: exp.journeyId, nodeId: exp.nodeId, variantId: row.id });
                      }
                    }}
                  >
                    Declare winner
                  </button>
                )}
              </td>
            </tr>
          ))}
          {exp.holdout && (
            <tr data-testid={`${testId}-holdout`}>
              <th scope="row">{exp.holdout.label}</th>
              <td>{exp.holdout.comparison.percent}%</td>
              <td>{exp.holdout.sent}</td>
              <td>—</td>
              <td>—</td>
              <td>—</td>
              <td>{pct(exp.holdout.comparison.conversionRate)}</td>
              <td colSpan={3} className="muted">
                gets no email here
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {exp.holdout && <p data-testid={`${testId}-lift`}>{exp.holdout.comparison.summary}</p>}
      <p data-testid={`${testId}-verdict`}>
        <strong>{exp.concludedWith ? `Concluded: ${exp.concludedWith}` : STATUS_TEXT[v.status]}</strong> — {v.summary}
        {v.confidence !== null && <span className="muted"> Confidence {pct(v.confidence)}.</span>}
      </p>
      {v.srm?.mismatch && (
        <p className="alert" role="alert" data-testid={`${testId}-srm`}>
          Sample-ratio mismatch: the split is {Object.values(v.srm.observed).join(' / ')} % against weights of {Object.values(v.srm.expected).join(' / ')} % (chi-square p = {v.srm.pValue.toFixed(4)}). Leads are not being assigned as configured, so these rates cannot be trusted yet.
        </p>
      )}
      {v.variants.length > 1 && <AutoWinnerPanel exp={exp} testId={testId} />}
      {declare.error && <p className="alert" role="alert">{declare.error.message}</p>}
      {declare.data && <p role="status">Published version {declare.data.version}: {exp.nodeLabel} now sends only {declare.data.winner}.</p>}
    </div>
  );
}
