'use client';
/** Words a server-written message (a key with params, lib/i18n/server-text) in the reader's language; the English it came with when the key is unknown. */
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { formatText, isText, type TextParam } from '@/lib/i18n/server-text';

export function useServerText(): (value: TextParam | undefined, english: string) => string {
  const t = useTranslations();
  return useCallback(
    (value, english) => {
      if (value === undefined || (isText(value) && !t.has(value.key as never))) return english;
      return formatText((k, p) => (t.has(k as never) ? t(k as never, p as never) : String(p.text ?? k)), value);
    },
    [t],
  );
}
