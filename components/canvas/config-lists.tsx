'use client';
/** Editable rows for list-shaped configs: score ranges, A/B split variants, email variants and condition rules. */
import { useTranslations } from 'next-intl';
import type { NodeConfig } from '@/lib/journey/definition';
import { NumberField, SelectField, TextField } from './fields';

type Change<K extends 'score_branch' | 'ab_split' | 'send_email' | 'condition'> = (config: NodeConfig<K>, field: string) => void;

const nextId = (prefix: string, taken: readonly string[]) => {
  for (let i = taken.length + 1; ; i++) if (!taken.includes(`${prefix}${i}`)) return `${prefix}${i}`;
};

export function ScoreRanges({ config, onChange }: { config: NodeConfig<'score_branch'>; onChange: Change<'score_branch'> }) {
  const t = useTranslations('journeyEditor.lists');
  const ranges = config.ranges ?? [];
  const set = (i: number, patch: Partial<(typeof ranges)[number]>, field: string) =>
    onChange({ ...config, ranges: ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)) }, `range-${i}-${field}`);
  return (
    <fieldset className="rows">
      <legend>{t('ranges')}</legend>
      {ranges.map((r, i) => (
        <div className="row-item" key={r.output}>
          <TextField label={t('rangeLabel', { n: i + 1 })} value={r.label} onChange={(label) => set(i, { label }, 'label')} />
          <NumberField label={t('from')} allowEmpty value={r.min} onChange={(min) => set(i, { min }, 'min')} />
          <NumberField label={t('to')} allowEmpty value={r.max} onChange={(max) => set(i, { max }, 'max')} />
          <button type="button" className="secondary small" aria-label={t('removeRange', { name: r.label || r.output })} disabled={ranges.length <= 1} onClick={() => onChange({ ...config, ranges: ranges.filter((_, j) => j !== i) }, 'ranges')}>
            {t('remove')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary small" onClick={() => onChange({ ...config, ranges: [...ranges, { output: nextId('range-', ranges.map((r) => r.output)), label: '', min: null, max: null }] }, 'ranges')}>
        {t('addRange')}
      </button>
    </fieldset>
  );
}

export function SplitVariants({ config, onChange }: { config: NodeConfig<'ab_split'>; onChange: Change<'ab_split'> }) {
  const t = useTranslations('journeyEditor.lists');
  const variants = config.variants ?? [];
  const total = variants.reduce((s, v) => s + v.weight, 0);
  const set = (i: number, patch: Partial<(typeof variants)[number]>, field: string) =>
    onChange({ ...config, variants: variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) }, `variant-${i}-${field}`);
  return (
    <fieldset className="rows">
      <legend>{t('paths', { total })}</legend>
      {variants.map((v, i) => (
        <div className="row-item" key={v.id}>
          <TextField label={t('pathLabel', { id: v.id })} value={v.label} onChange={(label) => set(i, { label }, 'label')} />
          <NumberField label={t('weight')} min={0} max={100} invalid={total !== 100} value={v.weight} onChange={(w) => set(i, { weight: Math.round(w ?? 0) }, 'weight')} />
          <button type="button" className="secondary small" aria-label={t('removePath', { id: v.id })} disabled={variants.length <= 2} onClick={() => onChange({ ...config, variants: variants.filter((_, j) => j !== i) }, 'variants')}>
            {t('remove')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary small" disabled={variants.length >= 4} onClick={() => onChange({ ...config, variants: [...variants, { id: nextId('', variants.map((v) => v.id)), label: '', weight: 0 }] }, 'variants')}>
        {t('addPath')}
      </button>
    </fieldset>
  );
}

export function EmailVariants({ config, onChange, templates }: { config: NodeConfig<'send_email'>; onChange: Change<'send_email'>; templates: readonly { key: string; label: string }[] }) {
  const t = useTranslations('journeyEditor.lists');
  const variants = config.variants ?? [];
  const total = variants.reduce((s, v) => s + v.weight, 0);
  const set = (i: number, patch: Partial<(typeof variants)[number]>, field: string) =>
    onChange({ ...config, variants: variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) }, `evariant-${i}-${field}`);
  return (
    <fieldset className="rows">
      <legend>
        {t('variants')} {variants.length > 0 && t('variantWeights', { total })}
      </legend>
      {variants.map((v, i) => (
        <div className="row-item" key={v.id}>
          <TextField label={t('variantSubject', { id: v.id })} value={v.subject ?? ''} onChange={(subject) => set(i, { subject: subject || undefined }, 'subject')} />
          <SelectField
            label={t('body')}
            value={v.template ?? ''}
            options={[{ value: '', label: t('sameAsTemplate') }, ...templates.map((t) => ({ value: t.key, label: t.label }))]}
            onChange={(template) => set(i, { template: template || undefined }, 'template')}
          />
          <NumberField label={t('weight')} min={0} max={100} invalid={total !== 100} value={v.weight} onChange={(w) => set(i, { weight: Math.round(w ?? 0) }, 'weight')} />
          <button type="button" className="secondary small" aria-label={t('removeVariant', { id: v.id })} onClick={() => onChange({ ...config, variants: variants.filter((_, j) => j !== i) }, 'variants')}>
            {t('remove')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary small" disabled={variants.length >= 4} onClick={() => onChange({ ...config, variants: [...variants, { id: nextId('v', variants.map((v) => v.id)), weight: variants.length === 0 ? 100 : 0 }] }, 'variants')}>
        {t('addVariant')}
      </button>
    </fieldset>
  );
}

const OPS = ['eq', 'neq', 'contains', 'gte', 'lte', 'in', 'exists'] as const;
type Op = (typeof OPS)[number];

function parseValue(op: Op, raw: string): string | number | string[] | undefined {
  if (op === 'exists') return undefined;
  if (op === 'in') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if ((op === 'gte' || op === 'lte') && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

export function ConditionRules({ config, onChange }: { config: NodeConfig<'condition'>; onChange: Change<'condition'> }) {
  const t = useTranslations('journeyEditor.lists');
  const rules = config.rules ?? [];
  const set = (i: number, patch: Partial<(typeof rules)[number]>, field: string) =>
    onChange({ ...config, rules: rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) }, `rule-${i}-${field}`);
  return (
    <fieldset className="rows">
      <legend>{t('rules')}</legend>
      <datalist id="condition-fields">
        {['score', 'stage', 'lifecycle', 'last_action', 'tags', 'lead.jobTitle', 'lead.company', 'lead.companySize', 'lead.source'].map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {rules.map((r, i) => (
        <div className="row-item" key={i}>
          <TextField label={t('ruleField', { n: i + 1 })} list="condition-fields" required invalid={!r.field} value={r.field} onChange={(field) => set(i, { field }, 'field')} />
          <SelectField label={t('test')} value={r.op} options={OPS.map((op) => ({ value: op, label: t(`op.${op}`) }))} onChange={(op) => set(i, { op, value: parseValue(op, Array.isArray(r.value) ? r.value.join(', ') : String(r.value ?? '')) }, 'op')} />
          {r.op !== 'exists' && (
            <TextField label={t('value')} value={Array.isArray(r.value) ? r.value.join(', ') : String(r.value ?? '')} onChange={(raw) => set(i, { value: parseValue(r.op, raw) }, 'value')} />
          )}
          <button type="button" className="secondary small" aria-label={t('removeRule', { n: i + 1 })} disabled={rules.length <= 1} onClick={() => onChange({ ...config, rules: rules.filter((_, j) => j !== i) }, 'rules')}>
            {t('remove')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary small" onClick={() => onChange({ ...config, rules: [...rules, { field: 'score', op: 'gte', value: 0 }] }, 'rules')}>
        {t('addRule')}
      </button>
    </fieldset>
  );
}
