'use client';
/** Adds a scoring rule: an event rule (points per event type) or an attribute rule (points when a lead field matches). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { BUILT_IN_EVENT_TYPES } from '@/lib/journey/definition';
import { LEAD_FIELDS, RULE_OPS } from '@/lib/scoring/rules';
import { ruleWarnings } from '@/lib/scoring/validate';
import { useTRPC } from '@/lib/trpc/client';
import { RuleWarnings } from './rule-warnings';
import { useRuleWords } from './rule-words';

export function NewRuleForm() {
  const trpc = useTRPC();
  const t = useTranslations('settings.newRule');
  const words = useRuleWords();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'event' | 'attribute'>('event');
  const [eventType, setEventType] = useState<string>('download_whitepaper');
  const [field, setField] = useState<string>('jobTitle');
  const [op, setOp] = useState<(typeof RULE_OPS)[number]>('contains');
  const [value, setValue] = useState('');
  const [points, setPoints] = useState('10');
  const [once, setOnce] = useState(false);
  const save = useMutation(
    trpc.settings.saveRule.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.settings.scoring.queryKey() });
        setName('');
        setValue('');
      },
    }),
  );
  const n = Number(points);
  const warnings = Number.isInteger(n) ? ruleWarnings([{ name: name || t('defaultName'), kind, eventType, points: n, active: true, oncePerLead: once }]) : [];

  function submit(e: FormEvent) {
    e.preventDefault();
    // Lists are typed comma-separated; numbers stay numbers so gte/lte compare numerically.
    const parsed = op === 'in' || (op === 'contains' && value.includes(',')) ? value.split(',').map((v) => v.trim()).filter(Boolean) : value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value.trim();
    save.mutate({
      name,
      kind,
      points: n,
      oncePerLead: once,
      active: true,
      ...(kind === 'event' ? { eventType } : { condition: { field: field as (typeof LEAD_FIELDS)[number], op, value: parsed } }),
    });
  }

  return (
    <form onSubmit={submit} className="card" aria-labelledby="new-rule-h" data-testid="new-rule">
      <h2 id="new-rule-h">{t('title')}</h2>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <div>
          <label htmlFor="nr-name">{t('name')}</label>
          <input id="nr-name" required value={name} onChange={(e) => setName(e.target.value)} placeholder={t('namePlaceholder')} />
        </div>
        <div>
          <label htmlFor="nr-kind">{t('kind')}</label>
          <select id="nr-kind" value={kind} onChange={(e) => setKind(e.target.value as 'event' | 'attribute')}>
            <option value="event">{t('kindEvent')}</option>
            <option value="attribute">{t('kindAttribute')}</option>
          </select>
        </div>
        {kind === 'event' ? (
          <div>
            <label htmlFor="nr-event">{t('eventType')}</label>
            <input id="nr-event" list="nr-event-types" required pattern="[a-z0-9_.:\-]+" value={eventType} onChange={(e) => setEventType(e.target.value)} />
            <datalist id="nr-event-types">
              {BUILT_IN_EVENT_TYPES.map((type) => (
                <option key={type} value={type} />
              ))}
            </datalist>
          </div>
        ) : (
          <>
            <div>
              <label htmlFor="nr-field">{t('field')}</label>
              <input id="nr-field" list="nr-fields" required value={field} onChange={(e) => setField(e.target.value)} title={t('fieldHint')} />
              <datalist id="nr-fields">
                {LEAD_FIELDS.map((f) => (
                  <option key={f} value={f} />
                ))}
              </datalist>
            </div>
            <div>
              <label htmlFor="nr-op">{t('operator')}</label>
              <select id="nr-op" value={op} onChange={(e) => setOp(e.target.value as (typeof RULE_OPS)[number])}>
                {RULE_OPS.map((o) => (
                  <option key={o} value={o}>
                    {words.opName(o)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="nr-value">{t('value')}</label>
              <input id="nr-value" required value={value} onChange={(e) => setValue(e.target.value)} />
            </div>
          </>
        )}
        <div>
          <label htmlFor="nr-points">{t('points')}</label>
          <input id="nr-points" type="number" step={1} required value={points} onChange={(e) => setPoints(e.target.value)} style={{ width: 90 }} />
        </div>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="checkbox" checked={once} onChange={(e) => setOnce(e.target.checked)} /> {t('oncePerLead')}
        </label>
        <button type="submit" disabled={save.isPending}>
          {t('submit')}
        </button>
      </div>
      <div style={{ marginTop: 12 }}>
        <RuleWarnings warnings={warnings} testId="new-rule-warning" />
      </div>
      {save.error && (
        <p className="alert" role="alert">
          {save.error.data?.field ? `${save.error.data.field}: ` : ''}
          {save.error.message}
        </p>
      )}
    </form>
  );
}
