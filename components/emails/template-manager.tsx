'use client';
/** New templates from a layout, and archiving or deleting created ones (refused while a published journey sends them). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { useLayoutLabel } from './use-template-label';

interface Picked {
  key: string;
  label: string;
  custom: boolean;
}

export function TemplateManager({ selected, onSelect }: { selected: Picked | null; onSelect: (key: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const t = useTranslations('emails.manager');
  const layoutLabel = useLayoutLabel();
  const layouts = useQuery(trpc.emails.layouts.queryOptions());
  const [name, setName] = useState('');
  const [layout, setLayout] = useState('email-a-nurture');
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.emails.templates.queryKey() });
  const create = useMutation(
    trpc.emails.createTemplate.mutationOptions({
      onSuccess: async (created) => {
        await refresh();
        setName('');
        onSelect(created.key);
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
          <legend>{t('legend')}</legend>
          <div>
            <label htmlFor="new-template-name">{t('name')}</label>
            <input id="new-template-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder={t('namePlaceholder')} style={{ width: '100%' }} />
          </div>
          <div>
            <label htmlFor="new-template-layout">{t('layout')}</label>
            <select id="new-template-layout" value={layout} onChange={(e) => setLayout(e.target.value)} style={{ width: '100%' }}>
              {layouts.data?.map((l) => (
                <option key={l.key} value={l.key}>
                  {layoutLabel(l)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={!name.trim() || create.isPending}>
            {create.isPending ? t('creating') : t('create')}
          </button>
          {create.error && (
            <p className="alert" role="alert">
              {create.error.message}
            </p>
          )}
          <p className="muted" style={{ fontSize: 13 }}>
            {t('hint')}
          </p>
        </fieldset>
      </form>
      {selected?.custom && (
        <div style={{ flex: '1 1 320px', display: 'grid', gap: 8 }} data-testid="template-actions">
          <p style={{ margin: 0 }}>
            <strong>{selected.label}</strong> <span className="muted">{t('createdFromLayout')}</span>
          </p>
          <div className="row">
            <button className="secondary" disabled={archive.isPending} onClick={() => (remove.reset(), archive.mutate({ key: selected.key }))}>
              {t('archive')}
            </button>
            <button
              className="secondary"
              disabled={remove.isPending}
              onClick={() => {
                archive.reset();
                if (window.confirm(t('confirmDelete', { name: selected.label }))) remove.mutate({ key: selected.key });
              }}
            >
              {t('delete')}
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
