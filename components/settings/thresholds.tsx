'use client';
/** Stage thresholds: the lowest score of warm, engaged and hot (hot is the hand-off line). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/lib/trpc/client';

type T = { warm: number; engaged: number; hot: number };
const KEYS = ['warm', 'engaged', 'hot'] as const;

export function Thresholds({ thresholds }: { thresholds: T }) {
  const trpc = useTRPC();
  const t = useTranslations('settings.thresholds');
  const tc = useTranslations('common');
  const ts = useTranslations('stages');
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Record<keyof T, string>>({ warm: String(thresholds.warm), engaged: String(thresholds.engaged), hot: String(thresholds.hot) });
  const save = useMutation(trpc.settings.saveThresholds.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.scoring.queryKey() }) }));
  const values = { warm: Number(draft.warm), engaged: Number(draft.engaged), hot: Number(draft.hot) };
  const rising = values.warm < values.engaged && values.engaged < values.hot;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (rising) save.mutate(values);
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="thresholds-h" data-testid="thresholds">
      <h2 id="thresholds-h">{t('title')}</h2>
      <p className="muted">{t('intro', { warm: ts('warm'), hot: ts('hot'), cold: ts('cold') })}</p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        {KEYS.map((k) => (
          <div key={k}>
            <label htmlFor={`th-${k}`}>{t(`${k}From`)}</label>
            <input id={`th-${k}`} type="number" step={1} required value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} style={{ width: 90 }} />
          </div>
        ))}
        <button type="submit" disabled={!rising || save.isPending}>
          {t('save')}
        </button>
        {save.isSuccess && <span role="status" className="badge ok">{tc('saved')}</span>}
      </div>
      {!rising && <p role="alert" style={{ color: 'var(--hot)' }}>{t('mustRise', { warm: ts('warm'), engaged: ts('engaged'), hot: ts('hot') })}</p>}
      {save.error && <p className="alert" role="alert">{save.error.message}</p>}
    </form>
  );
}
