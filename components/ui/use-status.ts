'use client';
/** Status words (hand-offs, runs, emails) in the reader's language; a status the catalog does not know yet shows as sent. */
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import en from '@/messages/en.json';

type Kind = keyof typeof en.status;

export function useStatus() {
  const t = useTranslations('status');
  return useCallback(
    (kind: Kind, value: string): string => {
      const known = en.status[kind] as Record<string, string>;
      return Object.hasOwn(known, value) ? t(`${kind}.${value}` as Parameters<typeof t>[0]) : value;
    },
    [t],
  );
}
