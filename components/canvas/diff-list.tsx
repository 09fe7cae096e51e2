'use client';
/** A journey diff as a marketer reads it: changed steps with their fields before → after, then connections. */
import { useTranslations } from 'next-intl';
import type { JourneyDiff } from '@/lib/journey/diff';

export function DiffList({ diff, testId }: { diff: JourneyDiff; testId?: string }) {
  const t = useTranslations('journeyEditor.diff');
  if (diff.empty)
    return (
      <p className="muted" data-testid={testId}>
        {t('none')}
      </p>
    );
  return (
    <ul className="diff-list" data-testid={testId}>
      {diff.steps.map((s) => (
        <li key={s.id} className={`diff-${s.change}`}>
          {s.change === 'added' ? (
            t.rich('added', { name: s.name, strong: (chunks) => <strong>{chunks}</strong> })
          ) : s.change === 'removed' ? (
            t.rich('removed', { name: s.name, strong: (chunks) => <strong>{chunks}</strong> })
          ) : (
            <>
              <strong>{s.name}</strong>: {s.fields.map((f) => f.text).join('; ')}
            </>
          )}
        </li>
      ))}
      {diff.connections.map((c) => (
        <li key={`${c.change}-${c.text}`} className={`diff-${c.change}`}>
          {c.change === 'added' ? t('connected', { text: c.text }) : t('disconnected', { text: c.text })}
        </li>
      ))}
    </ul>
  );
}
