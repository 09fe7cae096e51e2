'use client';
/** New templates from a layout, and archiving or deleting created ones (refused while a published journey sends them). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';

interface Picked {
  key: string;
  label: string;
  custom: boolean;
}

export function TemplateManager({ selected, onSelect }: { selected: Picked | null; onSelect: (key: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const layouts = useQuery(trpc.emails.layouts.queryOptions());
  const [name, setName] = useState('');
  const [layout, setLayout] = useState('email-a-nurture');
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.emails.templates.queryKey() });
  const create = useMutation(
    trpc.emails.createTemplate.mutationOptions({
      onSuccess: async (t) => {
        await refresh();
        setName('');
        onSelect(t.key);
      },
    }),
  );
  const archive = useMutation(trpc.emails.archiveTemplate.mutationOptions({ onSuccess: async () => (await refresh(), onSelect('email-a-nurture')) }));
  const remove = useMutation(trpc.emails.deleteTemplate.mutationOptions({ onSuccess: async () => (await refresh(), onSelect('email-a-nurture')) }));
  const refusal = archive.error ?? remove.error;

  return (
    <div className="row" style={{ alignItems: 'flex-start', gap: 16, marginTop: 16 }}>
      <form
        style={{ flex: '1 1 320px', display: 'grid', gap: 8 }}
        data-testid="new-template"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, layout });
        }}
      >
        <fieldset style={{ display: 'grid', gap: 8 }}>
          <legend>New template from a layout</legend>
          <div>
            <label htmlFor="new-template-name">Name</label>
            <input id="new-template-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="Webinar follow-up" style={{ width: '100%' }} />
          </div>
          <div>
            <label htmlFor="new-template-layout">Layout</label>
            <select id="new-template-layout" value={layout} onChange={(e) => setLayout(e.target.value)} style={{ width: '100%' }}>
              {layouts.data?.map((l) => (
                <option key={l.key} value={l.key}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={!name.trim() || create.isPending}>
            {create.isPending ? 'Creating…' : 'Create template'}
          </button>
          {create.error && (
            <p className="alert" role="alert">
              {create.error.message}
            </p>
          )}
          <p className="muted" style={{ fontSize: 13 }}>
            It starts with the layout’s sample copy in the default email language (Settings); write the other language above when you are ready. Journeys can pick it in a
            Send email step.
          </p>
        </fieldset>
      </form>
      {selected?.custom && (
        <div style={{ flex: '1 1 320px', display: 'grid', gap: 8 }} data-testid="template-actions">
          <p style={{ margin: 0 }}>
            <strong>{selected.label}</strong> <span className="muted">(created from a layout)</span>
          </p>
          <div className="row">
            <button className="secondary" disabled={archive.isPending} onClick={() => (remove.reset(), archive.mutate({ key: selected.key }))}>
              Archive template
            </button>
            <button
              className="secondary"
              disabled={remove.isPending}
              onClick={() => {
                archive.reset();
                if (window.confirm(`Delete “${selected.label}” and its copy in every language? Sent emails stay in the outbox.`)) remove.mutate({ key: selected.key });
              }}
            >
              Delete template
            </button>
          </div>
          {refusal && (
            <p className="alert" role="alert" data-testid="template-refused">
              {refusal.message.replace(/^key: /, '')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
