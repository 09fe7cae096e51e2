'use client';
/** The form's fields in order: a lead field or a custom one, its label, required, move up/down, remove. */
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { LEAD_FIELDS, type FormDefinitionInput, type LeadFieldKey } from '@/lib/forms/definition';

type Field = FormDefinitionInput['fields'][number];

export function FieldRows({ fields, onChange }: { fields: Field[]; onChange: (fields: Field[]) => void }) {
  const t = useTranslations('forms.fields');
  const [adding, setAdding] = useState('');
  const unused = (Object.keys(LEAD_FIELDS) as LeadFieldKey[]).filter((key) => !fields.some((f) => f.key === key));
  const set = (i: number, p: Partial<Field>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...p } : f)));
  const move = (i: number, by: number) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f!);
    onChange(next);
  };
  function add() {
    if (!adding) return;
    const lead = Object.hasOwn(LEAD_FIELDS, adding);
    // A new field's label starts in the marketer's language; they edit it to the form's wording.
    onChange([...fields, lead ? { key: adding, label: t(`lead.${adding as LeadFieldKey}`), required: false } : { key: 'custom_field', label: t('customLabel'), required: false }]);
    setAdding('');
  }
  return (
    <fieldset data-testid="form-fields">
      <legend>{t('title')}</legend>
      <table>
        <thead>
          <tr>
            <th>{t('field')}</th>
            <th>{t('label')}</th>
            <th>{t('required')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <tr key={i} data-testid={`field-${f.key}`}>
              <td>
                {f.key in LEAD_FIELDS ? (
                  <code>{f.key}</code>
                ) : (
                  <input aria-label={t('customKey', { n: i + 1 })} value={f.key} onChange={(e) => set(i, { key: e.target.value })} />
                )}
              </td>
              <td>
                <input aria-label={t('labelOf', { key: f.key })} value={f.label} onChange={(e) => set(i, { label: e.target.value })} />
              </td>
              <td>
                <input type="checkbox" aria-label={t('isRequired', { key: f.key })} data-testid={`required-${f.key}`} checked={f.required} disabled={f.key === 'email'} onChange={(e) => set(i, { required: e.target.checked })} />
              </td>
              <td className="row">
                <button type="button" className="secondary" aria-label={t('moveUp', { key: f.key })} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="secondary" aria-label={t('moveDown', { key: f.key })} disabled={i === fields.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
                {f.key !== 'email' && (
                  <button type="button" className="secondary" aria-label={t('removeKey', { key: f.key })} onClick={() => onChange(fields.filter((_, j) => j !== i))}>
                    {t('remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <select aria-label={t('add')} data-testid="add-field-key" value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{t('addPlaceholder')}</option>
          {unused.map((key) => (
            <option key={key} value={key}>
              {t(`lead.${key}`)}
            </option>
          ))}
          <option value="custom">{t('custom')}</option>
        </select>
        <button type="button" className="secondary" data-testid="add-field" onClick={add} disabled={!adding}>
          {t('addButton')}
        </button>
      </div>
    </fieldset>
  );
}
