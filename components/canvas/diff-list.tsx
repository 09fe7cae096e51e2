'use client';
/** A journey diff as a marketer reads it: changed steps with their fields before → after, then connections, in the reader's language. */
import { useTranslations } from 'next-intl';
import { useServerText } from '@/components/ui/use-server-text';
import type { FieldChange, JourneyDiff } from '@/lib/journey/diff';
import { beforeAfter } from '@/lib/journey/words';
import { useStepName } from './use-step-title';

export function DiffList({ diff, testId }: { diff: JourneyDiff; testId?: string }) {
  const t = useTranslations('journeyEditor.diff');
  const say = useServerText();
  const stepName = useStepName();
  const field = (f: FieldChange) => (f.words ? `${say(f.words.field, f.field)} ${beforeAfter(say(f.words.before, f.before), say(f.words.after, f.after))}` : f.text);
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
            t.rich('added', { name: stepName(s.name), strong: (chunks) => <strong>{chunks}</strong> })
          ) : s.change === 'removed' ? (
            t.rich('removed', { name: stepName(s.name), strong: (chunks) => <strong>{chunks}</strong> })
          ) : (
            <>
              <strong>{stepName(s.name)}</strong>: {s.fields.map(field).join('; ')}
            </>
          )}
        </li>
      ))}
      {diff.connections.map((c) => (
        <li key={`${c.change}-${c.text}`} className={`diff-${c.change}`}>
          {t(c.change === 'added' ? 'connected' : 'disconnected', { text: say(c.words, c.text) })}
        </li>
      ))}
    </ul>
  );
}
