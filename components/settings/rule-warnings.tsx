/** Scoring-rule warnings, impossible to miss: a negative score on a buying signal silently stops leads from ever turning hot. */
import type { RuleWarning } from '@/lib/scoring/validate';

export function RuleWarnings({ warnings, testId = 'rule-warnings' }: { warnings: Pick<RuleWarning, 'message' | 'ruleName'>[]; testId?: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="alert" role="alert" data-testid={testId} style={{ fontSize: 15, borderWidth: 2 }}>
      <div style={{ fontSize: 17, marginBottom: 6 }}>⚠ {warnings.length === 1 ? 'A scoring rule works against you' : `${warnings.length} scoring rules work against you`}</div>
      <ul style={{ margin: 0, paddingLeft: 20, fontWeight: 500 }}>
        {warnings.map((w) => (
          <li key={w.ruleName + w.message}>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
