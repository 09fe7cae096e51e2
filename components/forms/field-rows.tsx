'use client';
/** The form's fields in order: a lead field or a custom one, its label, required, move up/down, remove. */
import { useState } from 'react';
import { LEAD_FIELDS, type FormDefinitionInput } from '@/lib/forms/definition';

type Field = FormDefinitionInput['fields'][number];

export function FieldRows({ fields, onChange }: { fields: Field[]; onChange: (fields: Field[]) => void }) {
  const [adding, setAdding] = useState('');
  const unused = Object.entries(LEAD_FIELDS).filter(([key]) => !fields.some((f) => f.key === key));
  const set = (i: number, p: Partial<Field>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...p } : f)));
  const move = (i: number, by: number) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f!);
    onChange(next);
  };
  function add() {
    if (!adding) return;
    const lead = LEAD_FIELDS[adding as keyof typeof LEAD_FIELDS];
    onChange([...fields, lead ? { key: adding, label: lead.label, required: false } : { key: 'custom_field', label: 'Custom field', required: false }]);
    setAdding('');
  }
  return (
    <fieldset data-testid="form-fields">
      <legend>Fields</legend>
      <table>
        <thead>
          <tr>
            <th>Field</th>
            <th>Label</th>
            <th>Required</th>
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
                  <input aria-label={`Custom field ${i + 1} key`} value={f.key} onChange={(e) => set(i, { key: e.target.value })} />
                )}
              </td>
              <td>
                <input aria-label={`Label of ${f.key}`} value={f.label} onChange={(e) => set(i, { label: e.target.value })} />
              </td>
              <td>
                <input type="checkbox" aria-label={`${f.key} is required`} data-testid={`required-${f.key}`} checked={f.required} disabled={f.key === 'email'} onChange={(e) => set(i, { required: e.target.checked })} />
              </td>
              <td className="row">
                <button type="button" className="secondary" aria-label={`Move ${f.key} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="secondary" aria-label={`Move ${f.key} down`} disabled={i === fields.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
                {f.key !== 'email' && (
                  <button type="button" className="secondary" aria-label={`Remove ${f.key}`} onClick={() => onChange(fields.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <select aria-label="Add a field" data-testid="add-field-key" value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">Add a field…</option>
          {unused.map(([key, meta]) => (
            <option key={key} value={key}>
              {meta.label}
            </option>
          ))}
          <option value="custom">Custom field (kept in the lead's properties)</option>
        </select>
        <button type="button" className="secondary" data-testid="add-field" onClick={add} disabled={!adding}>
          Add
        </button>
      </div>
    </fieldset>
  );
}
