/** The lead's journey runs: where each one is now, and a deep link into Temporal's own UI for the full history. */
import { dateTime, type Outputs } from '@/components/dashboard/format';

type Run = Outputs['leads']['byId']['runs'][number];

export function LeadRuns({ runs }: { runs: Run[] }) {
  return (
    <section className="card" aria-labelledby="runs-h" data-testid="runs">
      <h2 id="runs-h">Journey runs</h2>
      {runs.length === 0 && <p className="muted">Not in any journey.</p>}
      {runs.length > 0 && (
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">Journey</th>
              <th scope="col">Now at</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Workflow</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid={`run-${r.id}`}>
                <td data-label="Journey">
                  {r.journeyName} <span className="muted">v{r.journeyVersion}</span>
                </td>
                <td data-label="Now at" data-testid="run-current-node" data-node-id={r.currentNode ?? undefined}>
                  {r.currentStep ?? '—'}
                </td>
                <td data-label="Status">
                  <span className={r.status === 'running' ? 'badge ok' : r.status === 'failed' ? 'badge hot' : 'badge'} data-testid="run-status">
                    {r.status === 'failed' ? `failed: ${r.failureReason ?? 'unknown reason'}` : r.status}
                  </span>
                  {r.status === 'failed' && (
                    <div className="muted" style={{ fontSize: 11 }}>
                      <a href="/runs">Failed runs</a> to retry or cancel
                    </div>
                  )}
                </td>
                <td data-label="Started">{dateTime(r.startedAt)}</td>
                <td data-label="Workflow">
                  <a href={r.temporalUrl} target="_blank" rel="noreferrer" data-testid="temporal-link">
                    Open in Temporal ↗
                  </a>
                  <div className="muted wrap-anywhere" style={{ fontSize: 11 }}>
                    {r.workflowId}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
