'use client';
/** The vi/en switch in the user menu: saves the choice on the user, then reloads so every page renders in it. */
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { LOCALES, LOCALE_NAMES, isLocale } from '@/lib/i18n/locales';
import { useTRPC } from '@/lib/trpc/client';

export function LocaleSwitch() {
  const t = useTranslations('nav');
  const locale = useLocale();
  const trpc = useTRPC();
  const save = useMutation(trpc.me.setLocale.mutationOptions({ onSuccess: () => window.location.reload() }));
  return (
    <select
      aria-label={t('language')}
      data-testid="locale-switch"
      value={locale}
      disabled={save.isPending}
      onChange={(e) => {
        if (isLocale(e.target.value)) save.mutate({ locale: e.target.value });
      }}
    >
      {LOCALES.map((l) => (
        // Each language names itself, so a person finds theirs whatever the page is in.
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
