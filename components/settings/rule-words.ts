'use client';
/** Scoring rules in the reader's language: "event download_whitepaper", "jobTitle contains director", and the −15 whitepaper warning. */
import { useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import type { RuleWarning } from '@/lib/scoring/validate';
import { RULE_OPS, type RuleOp } from '@/lib/scoring/rules';
import en from '@/messages/en.json';

type RuleLike = { kind: string; eventType: string | null; condition: unknown };
const isOp = (v: unknown): v is RuleOp => (RULE_OPS as readonly unknown[]).includes(v);

export function useRuleWords() {
  const t = useTranslations('settings.ruleWords');
  /** A built-in event type's plain name; a custom one shows quoted, as the marketer typed it. */
  const eventName = useCallback((type: string) => (Object.hasOwn(en.settings.ruleWords.event, type) ? t(`event.${type}` as Parameters<typeof t>[0]) : `“${type}”`), [t]);
  const opName = useCallback((op: unknown) => (isOp(op) ? t(`op.${op}`) : String(op)), [t]);
  const describe = useCallback(
    (r: RuleLike): string => {
      if (r.kind === 'event') return t('onEvent', { type: r.eventType ?? '?' });
      const c = r.condition as { field?: string; op?: string; value?: unknown } | null;
      return c ? `${c.field} ${opName(c.op)} ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}` : t('attribute');
    },
    [t, opName],
  );
  const warning = useCallback((w: Pick<RuleWarning, 'ruleName' | 'eventType' | 'points'>) => t('negativeIntent', { name: w.ruleName, points: Math.abs(w.points), event: eventName(w.eventType) }), [t, eventName]);
  return useMemo(() => ({ describe, warning, opName }), [describe, warning, opName]);
}
