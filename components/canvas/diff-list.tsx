'use client';
/** A journey diff as a marketer reads it: changed steps with their fields before → after, then connections. */
import type { JourneyDiff } from '@/lib/journey/diff';

export function DiffList({ diff, testId }: { diff: JourneyDiff; testId?: string }) {
  if (diff.empty) return <p className="muted" data-testid={testId}>No changes.</p>;
  return (
    <ul className="diff-list" data-testid={testId}>
      {diff.steps.map((s) => (
        <li key={s.id} className={`diff-${s.change}`}>
          {s.change === 'added' ? (
            <>Added step <strong>{s.name}</strong></>
          ) : s.change === 'removed' ? (
            <>Removed step <strong>{s.name}</strong></>
          ) : (
            <>
              <strong>{s.name}</strong>: {s.fields.map((f) => f.text).join('; ')}
            </>
          )}
        </li>
      ))}
      {diff.connections.map((c) => (
        <li key={`${c.change}-${c.text}`} className={`diff-${c.change}`}>
          {c.change === 'added' ? 'Connected' : 'Disconnected'} {c.text}
        </li>
      ))}
    </ul>
  );
}
