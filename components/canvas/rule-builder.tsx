'use client';
/** Entry and goal conditions as a marketer builds them: pick a lead fact, a test that fits it, a value; each row says what is wrong with it. */
import { useTranslations } from 'next-intl';
import { CUSTOM_FIELD, ENROLMENT_FIELDS, fieldSpec, OPS_BY_KIND, ruleIssue, type EnrolmentField, type RuleOp } from '@/lib/journey/enrolment-rules';
import type { ConditionRule } from '@/lib/journey/engine/nodes/conditions';
import { CheckboxField, NumberField, SelectField, TextField } from './fields';

const FIELD_KEYS = Object.keys(ENROLMENT_FIELDS) as EnrolmentField[];
/** Message keys may not contain dots: `lead.jobTitle` reads as `lead_jobTitle` in the catalog. */
const fieldKey = (f: string) => f.replace('.', '_') as 'score';

export function useEventName() {
  const te = useTranslations('enrolment.events');
  return (type: string) => (te.has(type as 'schedule_demo') ? te(type as 'schedule_demo') : type.replace(/[_.-]+/g, ' '));
}

/** A fresh rule for a field: its first test and no value yet, so the row asks for one. */
export function blankRule(field: string): ConditionRule {
  const spec = fieldSpec(field) ?? { kind: 'text' as const };
  return { field, op: OPS_BY_KIND[spec.kind][0]! };
}

function RuleRow({ rule, index, what, onChange, onRemove, canRemove, eventTypes }: { rule: ConditionRule; index: number; what: string; onChange: (r: ConditionRule) => void; onRemove: () => void; canRemove: boolean; eventTypes: readonly string[] }) {
  const t = useTranslations('enrolment');
  const eventName = useEventName();
  const custom = rule.field.startsWith(CUSTOM_FIELD);
  const spec = fieldSpec(rule.field) ?? { kind: 'text' as const };
  const issue = ruleIssue(rule);
  const fieldName = custom ? t('fields.custom') : t(`fields.${fieldKey(rule.field)}`);
  const n = index + 1;
  const values = Array.isArray(rule.value) ? rule.value.map(String) : [];
  let value: React.ReactNode = null;
  if (rule.op === 'exists') value = null;
  else if (spec.kind === 'number') {
    value = <NumberField label={t('value')} allowEmpty invalid={issue === 'number'} value={typeof rule.value === 'number' ? rule.value : null} onChange={(v) => onChange({ ...rule, value: v ?? undefined })} />;
  } else if (spec.kind === 'choice' && rule.op === 'in') {
    value = (
      <fieldset className="rows">
        <legend>{t('value')}</legend>
        {spec.options!.map((o) => (
          <CheckboxField key={o} label={t(`choices.${o as 'hot'}`)} checked={values.includes(o)} onChange={(on) => onChange({ ...rule, value: on ? spec.options!.filter((x) => x === o || values.includes(x)) : values.filter((x) => x !== o) })} />
        ))}
      </fieldset>
    );
  } else if (spec.kind === 'choice') {
    value = (
      <SelectField
        label={t('value')}
        invalid={issue === 'choice'}
        value={typeof rule.value === 'string' ? rule.value : ''}
        options={[{ value: '', label: t('choose') }, ...spec.options!.map((o) => ({ value: o, label: t(`choices.${o as 'hot'}`) }))]}
        onChange={(v) => onChange({ ...rule, value: v || undefined })}
      />
    );
  } else {
    const list = rule.field === 'last_action' ? 'enrolment-events' : undefined;
    value = (
      <TextField
        label={rule.op === 'in' ? t('values') : t('value')}
        list={list}
        invalid={issue === 'text' || issue === 'list'}
        value={Array.isArray(rule.value) ? rule.value.join(', ') : typeof rule.value === 'string' ? rule.value : ''}
        onChange={(raw) => onChange({ ...rule, value: rule.op === 'in' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw })}
      />
    );
  }
  return (
    <div className="row-item rule-row" role="group" aria-label={t('condition', { what, n })} data-testid={`${what}-rule-${n}`}>
      {rule.field === 'last_action' && (
        <datalist id="enrolment-events">
          {eventTypes.map((e) => (
            <option key={e} value={e} label={eventName(e)} />
          ))}
        </datalist>
      )}
      <SelectField
        label={t('field')}
        value={custom ? CUSTOM_FIELD : rule.field}
        invalid={issue === 'unknown_field'}
        options={[...FIELD_KEYS.map((f) => ({ value: f, label: t(`fields.${fieldKey(f)}`) })), { value: CUSTOM_FIELD, label: t('fields.custom') }]}
        onChange={(f) => onChange(blankRule(f === CUSTOM_FIELD ? CUSTOM_FIELD : f))}
      />
      {custom && <TextField label={t('customName')} invalid={issue === 'custom_name'} value={rule.field.slice(CUSTOM_FIELD.length)} onChange={(name) => onChange({ ...rule, field: `${CUSTOM_FIELD}${name.trim()}` })} />}
      <SelectField<RuleOp>
        label={t('test')}
        invalid={issue === 'op'}
        value={rule.op}
        options={OPS_BY_KIND[spec.kind].map((op) => ({ value: op, label: t(`ops.${op}`) }))}
        onChange={(op) => onChange({ field: rule.field, op, ...(op === 'in' && typeof rule.value === 'string' && rule.value ? { value: [rule.value] } : op !== 'in' && op !== 'exists' && !Array.isArray(rule.value) && rule.value !== undefined ? { value: rule.value } : {}) })}
      />
      {value}
      <button type="button" className="secondary small" aria-label={t('remove', { what, n })} disabled={!canRemove} onClick={onRemove}>
        {t('removeShort')}
      </button>
      {issue && (
        <div className="field-hint field-error" role="alert" data-testid={`${what}-rule-${n}-error`}>
          {t(`issues.${issue}`, { field: fieldName, n })}
        </div>
      )}
    </div>
  );
}

/** `what` names the list in labels and test ids: "entry" or "goal". */
export function RuleList({ rules, what, onChange, eventTypes, minRules = 1 }: { rules: readonly ConditionRule[]; what: 'entry' | 'goal'; onChange: (rules: ConditionRule[]) => void; eventTypes: readonly string[]; minRules?: number }) {
  const t = useTranslations('enrolment');
  return (
    <div className="rows">
      {rules.map((r, i) => (
        <RuleRow
          key={i}
          rule={r}
          index={i}
          what={what}
          eventTypes={eventTypes}
          canRemove={rules.length > minRules}
          onChange={(next) => onChange(rules.map((x, j) => (j === i ? next : x)))}
          onRemove={() => onChange(rules.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" className="secondary small" data-testid={`${what}-add-rule`} onClick={() => onChange([...rules, blankRule('source')])}>
        {t('addCondition')}
      </button>
    </div>
  );
}
