'use client';
/** "Why this score": every rule that moved it, newest first, so a marketer can see a bad rule's effect on a real lead. */
import { useTranslations } from 'next-intl';
import type { Outputs } from '@/components/dashboard/format';
import { useFormat } from '@/components/ui/use-format';

type Change = Outputs['leads']['byId']['scoreChanges'][number];

export function ScoreWhy({ score, changes }: { score: number; changes: Change[] }) {
  const t = useTranslations('lead.why');
  const { dateTime } = useFormat();
  const total = changes.reduce((n, c) => n + c.points, 0);
  return (
    <section className="card" aria-labelledby="why-h" data-testid="score-why">
      <h2 id="why-h">{t('title', { score })}</h2>
      {changes.length === 0 && <p className="muted">{t('none')}</p>}
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
          {t('rest', { total })}
        </p>
      )}
    </section>
  );
}
