'use client';
/** One scoring rule, editable in place: points, active, once per lead; a draft that would penalise buying intent warns before saving. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Outputs } from '@/components/dashboard/format';
import { ruleConditionSchema } from '@/lib/scoring/rules';
import { ruleWarnings } from '@/lib/scoring/validate';
import { useTRPC } from '@/lib/trpc/client';
import { useRuleWords } from './rule-words';

type Rule = Outputs['settings']['scoring']['rules'][number];

export function RuleRow({ rule, flagged }: { rule: Rule; flagged: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations('settings.rules');
  const tc = useTranslations('common');
  const words = useRuleWords();
  const queryClient = useQueryClient();
  const [points, setPoints] = useState(String(rule.points));
  const [active, setActive] = useState(rule.active);
  const [once, setOnce] = useState(rule.oncePerLead);
  const save = useMutation(
    trpc.settings.saveRule.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.scoring.queryKey() }) }),
  );
  const n = Number(points);
  const valid = points.trim() !== '' && Number.isInteger(n);
  const dirty = valid && (n !== rule.points || active !== rule.active || once !== rule.oncePerLead);
  const condition = ruleConditionSchema.safeParse(rule.condition);
  const draftWarning = valid ? ruleWarnings([{ name: rule.name, kind: rule.kind, eventType: rule.eventType, points: n, active, oncePerLead: once }])[0] : undefined;
  const id = `rule-${rule.id}`;

  return (
    <tr data-testid={id} style={flagged || draftWarning ? { background: '#fef2f2', outline: '2px solid var(--hot)' } : undefined}>
      <td>
        <strong>{rule.name}</strong>
        <div className="muted" style={{ fontSize: 12 }}>
          {words.describe(rule)}
        </div>
        {draftWarning && (
          <div role="alert" style={{ color: 'var(--hot)', fontWeight: 600, fontSize: 13 }} data-testid={`${id}-warning`}>
            ⚠ {words.warning(draftWarning)}
          </div>
        )}
      </td>
      <td>
        <input id={`${id}-points`} aria-label={t('pointsFor', { name: rule.name })} type="number" step={1} value={points} onChange={(e) => setPoints(e.target.value)} style={{ width: 80, color: n < 0 ? 'var(--hot)' : undefined }} aria-invalid={!valid} />
      </td>
      <td>
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} aria-label={t('activeFor', { name: rule.name })} />
      </td>
      <td>
        <input type="checkbox" checked={once} onChange={(e) => setOnce(e.target.checked)} aria-label={t('onceFor', { name: rule.name })} />
      </td>
      <td>
        <button
          disabled={!dirty || save.isPending}
          onClick={() =>
            save.mutate({
              id: rule.id,
              name: rule.name,
              kind: rule.kind,
              eventType: rule.eventType ?? undefined,
              condition: condition.success ? condition.data : undefined,
              points: n,
              active,
              oncePerLead: once,
            })
          }
        >
          {tc('save')}
        </button>
        {save.error && <div style={{ color: 'var(--hot)', fontSize: 12 }}>{save.error.message}</div>}
      </td>
    </tr>
  );
}
