'use client';
/** Sending limits: how many marketing emails one lead may get in any 24 hours, across all journeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/lib/trpc/client';

export function SendingLimits() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.settings.sending.queryOptions());
  // Not keyed on the value: a save must not remount the form and lose its "Saved" confirmation.
  return data ? <SendingForm current={data.maxEmailsPer24h} /> : null;
}

function SendingForm({ current }: { current: number }) {
  const trpc = useTRPC();
  const t = useTranslations('settings.sending');
  const tc = useTranslations('common');
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(String(current));
  const save = useMutation(trpc.settings.saveSending.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.sending.queryKey() }) }));
  const value = Number(draft);
  const valid = Number.isInteger(value) && value >= 1 && value <= 50;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid) save.mutate({ maxEmailsPer24h: value });
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="sending-h" data-testid="sending-limits">
      <h2 id="sending-h">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <div>
          <label htmlFor="max-emails-24h">{t('max')}</label>
          <input id="max-emails-24h" data-testid="max-emails-24h" type="number" min={1} max={50} step={1} required value={draft} onChange={(e) => setDraft(e.target.value)} style={{ width: 90 }} />
        </div>
        <button type="submit" data-testid="save-sending" disabled={!valid || save.isPending}>
          {t('save')}
        </button>
        {save.isSuccess && <span role="status" className="badge ok">{tc('saved')}</span>}
      </div>
      {!valid && <p role="alert" style={{ color: 'var(--hot)' }}>{t('invalid', { min: 1, max: 50 })}</p>}
      {save.error && <p className="alert" role="alert">{save.error.message}</p>}
    </form>
  );
}
