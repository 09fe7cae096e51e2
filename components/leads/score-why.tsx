/** "Why this score": every rule that moved it, newest first, so a marketer can see a bad rule's effect on a real lead. */
import { dateTime, type Outputs } from '@/components/dashboard/format';

type Change = Outputs['leads']['byId']['scoreChanges'][number];

export function ScoreWhy({ score, changes }: { score: number; changes: Change[] }) {
  const total = changes.reduce((n, c) => n + c.points, 0);
  return (
    <section className="card" aria-labelledby="why-h" data-testid="score-why">
      <h2 id="why-h">Why this score ({score})</h2>
      {changes.length === 0 && <p className="muted">No scoring rule has matched yet.</p>}
      <table>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id}>
              <td>{c.ruleName}</td>
              <td style={{ fontWeight: 600, color: c.points < 0 ? 'var(--hot)' : 'var(--ok)', fontVariantNumeric: 'tabular-nums' }}>
                {c.points > 0 ? `+${c.points}` : c.points}
              </td>
              <td className="muted">→ {c.scoreAfter}</td>
              <td className="muted" style={{ fontSize: 12 }}>
                {dateTime(c.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {changes.length > 0 && total !== score && (
        <p className="muted" style={{ fontSize: 12 }}>
          The shown changes add up to {total}; older ones or score adjustments account for the rest.
        </p>
      )}
    </section>
  );
}
