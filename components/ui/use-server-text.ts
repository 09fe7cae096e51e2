'use client';
/** Words a server-written message (a key with params, lib/i18n/server-text) in the reader's language; the English it came with when the key is unknown. */
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { formatText, isText, type Text, type TextParam } from '@/lib/i18n/server-text';
import { beforeAfter } from '@/lib/journey/words';

export function useServerText(): (value: TextParam | undefined, english: string) => string {
  const t = useTranslations();
  return useCallback(
    (value, english) => {
      if (value === undefined || (isText(value) && !t.has(value.key as never))) return english;
      const tr = (k: string, p: Record<string, string | number>) => (t.has(k as never) ? t(k as never, p as never) : String(p.text ?? k));
      // A field change says its unit once ("7 → 2 days"), as the English lines do.
      const resolve = (v: Text): string | undefined => {
        if (v.key !== 'serverText.diff.fieldChange' || !v.params) return undefined;
        const f = (p: TextParam | undefined) => formatText(tr, p ?? '', resolve);
        return `${f(v.params.field)} ${beforeAfter(f(v.params.before), f(v.params.after))}`;
      };
      return formatText(tr, value, resolve);
    },
    [t],
  );
}
