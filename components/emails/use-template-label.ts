'use client';
/** Built-in templates and layouts named in the reader's language; a template the marketer created keeps the name they gave it. */
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';

export function useTemplateLabel(): (t: { key: string; label: string; custom?: boolean }) => string {
  const tr = useTranslations('emails.templateLabel');
  return useCallback((t) => (!t.custom && tr.has(t.key as never) ? tr(t.key as never) : t.label), [tr]);
}

export function useLayoutLabel(): (l: { key: string; label: string }) => string {
  const tr = useTranslations('emails.layoutLabel');
  return useCallback((l) => (tr.has(l.key as never) ? tr(l.key as never) : l.label), [tr]);
}
