'use client';
/** Small labelled form controls for the side panel; every input has a visible label and an id. */
import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import type { Duration } from '@/lib/journey/definition';

interface Base {
  label: string;
  hint?: string;
  invalid?: boolean;
}

export function Field({ label, hint, children, id }: { label: string; hint?: string; children: ReactNode; id: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

export function TextField({ label, hint, invalid, value, onChange, type = 'text', required, list }: Base & { value: string; onChange: (v: string) => void; type?: string; required?: boolean; list?: string }) {
  const id = useId();
  return (
    <Field label={label} hint={hint} id={id}>
      <input id={id} type={type} value={value} required={required} list={list} aria-invalid={invalid || undefined} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/** An empty box means "none" (null), e.g. an open-ended score range. */
export function NumberField({ label, hint, invalid, value, onChange, min, max, allowEmpty }: Base & { value: number | null; onChange: (v: number | null) => void; min?: number; max?: number; allowEmpty?: boolean }) {
  const id = useId();
  return (
    <Field label={label} hint={hint} id={id}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={value ?? ''}
        min={min}
        max={max}
        required={!allowEmpty}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw === '') return onChange(allowEmpty ? null : (min ?? 0));
          const n = Number(raw);
          if (Number.isFinite(n)) onChange(n);
        }}
      />
    </Field>
  );
}

export function SelectField<V extends string>({ label, hint, invalid, value, onChange, options }: Base & { value: V; onChange: (v: V) => void; options: readonly { value: V; label: string }[] }) {
  const id = useId();
  return (
    <Field label={label} hint={hint} id={id}>
      <select id={id} value={value} aria-invalid={invalid || undefined} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

const UNITS = ['minutes', 'hours', 'days'] as const;

export function DurationField({ label, value, onChange }: { label: string; value: Duration | undefined; onChange: (v: Duration) => void }) {
  const id = useId();
  const t = useTranslations('journeyEditor.duration');
  const d = value ?? { amount: 1, unit: 'days' as const };
  return (
    <fieldset className="field duration">
      <legend>{label}</legend>
      <label htmlFor={`${id}-amount`} className="sr-only">
        {t('amount', { label })}
      </label>
      <input
        id={`${id}-amount`}
        type="number"
        min={1}
        step="any"
        required
        value={d.amount}
        aria-invalid={!(d.amount > 0) || undefined}
        onChange={(e) => onChange({ ...d, amount: Number(e.target.value) })}
      />
      <label htmlFor={`${id}-unit`} className="sr-only">
        {t('unit', { label })}
      </label>
      <select id={`${id}-unit`} value={d.unit} onChange={(e) => onChange({ ...d, unit: e.target.value as Duration['unit'] })}>
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {t(u)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
