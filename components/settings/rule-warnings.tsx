'use client';
/** Scoring-rule warnings, impossible to miss: a negative score on a buying signal silently stops leads from ever turning hot. */
import { useTranslations } from 'next-intl';
import type { RuleWarning } from '@/lib/scoring/validate';
import { useRuleWords } from './rule-words';

export function RuleWarnings({ warnings, testId = 'rule-warnings' }: { warnings: Pick<RuleWarning, 'message' | 'ruleName' | 'eventType' | 'points'>[]; testId?: string }) {
  const t = useTranslations('settings.warnings');
  const words = useRuleWords();
  if (warnings.length === 0) return null;
  return (
    <div className="alert" role="alert" data-testid={testId} style={{ fontSize: 15, borderWidth: 2 }}>
      <div style={{ fontSize: 17, marginBottom: 6 }}>⚠ {t('title', { count: warnings.length })}</div>
      <ul style={{ margin: 0, paddingLeft: 20, fontWeight: 500 }}>
        {warnings.map((w) => (
          <li key={w.ruleName + w.message}>{words.warning(w)}</li>
        ))}
      </ul>
    </div>
  );
}
