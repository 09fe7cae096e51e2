'use client';
/** The A/B card's auto-winner: its state in one sentence, and the rule (metric, minimum sample, confidence, optional date) a marketer turns on. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFormat } from '@/components/ui/use-format';
import { useServerText } from '@/components/ui/use-server-text';
import { MIN_PER_ARM } from '@/lib/ab/verdict';
import { useTRPC } from '@/lib/trpc/client';
import { autoWinnerDraft, autoWinnerPanelState, CONFIDENCE_CHOICES, draftErrors, localReason, type AutoMetric, type AutoWinnerDraft } from './auto-winner-state';
import type { Experiment } from './experiment-card';

const DECLARED_KEY = { opened: 'declaredOpened', clicked: 'declaredClicked', converted: 'declaredConverted' } as const;
const METRIC_KEY = { opened: 'metricOpened', clicked: 'metricClicked', converted: 'metricConverted' } as const;

export function AutoWinnerPanel({ exp, testId }: { exp: Experiment; testId: string }) {
  const t = useTranslations('abAutoWinner');
  const f = useFormat();
  const say = useServerText();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const state = autoWinnerPanelState(exp);
  const [draft, setDraft] = useState<AutoWinnerDraft>(() => autoWinnerDraft(exp, exp.goal !== null));
  const save = useMutation(trpc.experiments.setAutoWinner.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.experiments.list.queryKey() }) }));
  const errors = draftErrors(draft);
  const id = (k: string) => `${testId}-auto-${k}`;

  if (state.kind === 'concluded') return null;
  if (state.kind === 'declared') {
    return (
      <p role="status" data-testid={id('state')}>
        <strong>{t(DECLARED_KEY[state.metric], { winner: state.winner, confidence: state.confidence, at: f.dateTime(state.at) })}</strong> {t('declaredRouting', { winner: state.winner })}
      </p>
    );
  }
  const set = (patch: Partial<AutoWinnerDraft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <fieldset data-testid={id('form')} style={{ border: '1px solid var(--border, #ddd)', borderRadius: 6, padding: '8px 12px' }}>
      <legend>{t('heading')}</legend>
      <p data-testid={id('state')} className="muted" style={{ marginTop: 0 }}>
        {state.kind === 'off' ? (
          t('off')
        ) : (
          <>
            {t('watching', { min: state.min, confidence: state.confidence })} {state.srm ? t('srmPaused') : state.sampled ? t('sampleReached') : t('progress', { fewest: state.fewest, min: state.min })}{' '}
            {state.lastCheckedAt ? t('lastLook', { at: f.dateTime(state.lastCheckedAt), reason: say(state.lastReasonText ? localReason(state.lastReasonText, f.dateTime) : undefined, state.lastReason ?? '') }) : t('firstLook')}
          </>
        )}
      </p>
      <form
        className="row"
        style={{ flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          if (Object.keys(errors).length) return;
          save.mutate({
            journeyId: exp.journeyId,
            nodeId: exp.nodeId,
            enabled: draft.enabled,
            metric: draft.metric,
            minPerVariant: Number(draft.minPerVariant),
            confidence: draft.confidence,
            decideAfter: draft.decideAfter ? new Date(draft.decideAfter).toISOString() : null,
          });
        }}
      >
        <label>
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid={id('enabled')} /> {t('enable')}
        </label>
        <label>
          {t('metric')}{' '}
          <select value={draft.metric} onChange={(e) => set({ metric: e.target.value as AutoMetric })} data-testid={id('metric')}>
            {(['opened', 'clicked', 'converted'] as const).map((m) => (
              <option key={m} value={m}>
                {t(METRIC_KEY[m])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('minPerVariant')}{' '}
          <input type="number" min={MIN_PER_ARM} step={1} value={draft.minPerVariant} onChange={(e) => set({ minPerVariant: e.target.value })} aria-invalid={errors.minPerVariant ? true : undefined} data-testid={id('min')} style={{ width: 90 }} />
        </label>
        <label>
          {t('confidence')}{' '}
          <select value={draft.confidence} onChange={(e) => set({ confidence: Number(e.target.value) })} data-testid={id('confidence')}>
            {CONFIDENCE_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t('confidenceOption', { value: c })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('decideAfter')} <input type="datetime-local" value={draft.decideAfter} onChange={(e) => set({ decideAfter: e.target.value })} data-testid={id('date')} />
        </label>
        <button type="submit" className="secondary" disabled={save.isPending || Object.keys(errors).length > 0} data-testid={id('save')}>
          {save.isPending ? t('saving') : t('save')}
        </button>
      </form>
      {errors.minPerVariant && <p className="alert">{t('errorMin', { min: MIN_PER_ARM })}</p>}
      {errors.confidence && <p className="alert">{t('errorConfidence')}</p>}
      {errors.decideAfter && <p className="alert">{t('errorDate')}</p>}
      {save.error && (
        <p className="alert" role="alert">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && <p role="status">{t('saved')}</p>}
    </fieldset>
  );
}
