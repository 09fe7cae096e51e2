/** The scoring-rule change log: what changed, when, before → after, so a quarter's tuning can be traced. */
import { dateTime, type Outputs } from '@/components/dashboard/format';

type Change = Outputs['settings']['scoring']['changes'][number];
const FIELDS = ['name', 'points', 'active', 'oncePerLead', 'eventType', 'condition'] as const;
const show = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function diff(c: Change): string[] {
  if (!c.before) return [`created with ${show(c.after?.points)} points`];
  return FIELDS.filter((f) => JSON.stringify(c.before?.[f]) !== JSON.stringify(c.after?.[f])).map((f) => `${f}: ${show(c.before?.[f])} → ${show(c.after?.[f])}`);
}

export function ChangeLog({ changes }: { changes: Change[] }) {
  return (
    <section className="card" aria-labelledby="changelog-h" data-testid="change-log">
      <h2 id="changelog-h">Change log</h2>
      {changes.length === 0 && <p className="muted">No rule has been changed yet.</p>}
      {changes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Rule</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => {
              const lines = diff(c);
              return (
                <tr key={c.id}>
                  <td>{dateTime(c.changedAt)}</td>
                  {/* Changes from before sign-in existed have no author. */}
                  <td className={c.changedByName ? undefined : 'muted'} data-testid="change-who">
                    {c.changedByName ?? 'unknown (before sign-in)'}
                  </td>
                  <td>{show(c.after?.name ?? c.before?.name)}</td>
                  <td>{lines.length ? lines.map((l) => <div key={l}>{l}</div>) : <span className="muted">saved without changes</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
