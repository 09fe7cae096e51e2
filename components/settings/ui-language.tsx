'use client';
/** The org's default UI language: what a person sees until they pick their own in the user menu; "browser" leaves it to Accept-Language. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { LOCALES, LOCALE_NAMES, isLocale } from '@/lib/i18n/locales';
import { useTRPC } from '@/lib/trpc/client';

const BROWSER = 'browser';

export function UiLanguage() {
  const trpc = useTRPC();
  const t = useTranslations('settings.uiLanguage');
  const tc = useTranslations('common');
  const qc = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const { data } = useQuery(trpc.settings.language.queryOptions());
  const save = useMutation(trpc.settings.saveLanguage.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.settings.language.queryKey() }) }));
  if (!data) return null;
  // Only admins may change it (settings.saveLanguage is admin-only); the others see what applies.
  const isAdmin = me.data?.role === 'admin';
  const value = save.isPending ? (save.variables.locale ?? BROWSER) : (data.locale ?? BROWSER);
  return (
    <section className="card" aria-labelledby="ui-language-h" data-testid="ui-language">
      <h2 id="ui-language-h">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <div>
          <label htmlFor="org-ui-locale">{t('default')}</label>
          <select id="org-ui-locale" value={value} disabled={!isAdmin || save.isPending} onChange={(e) => save.mutate({ locale: isLocale(e.target.value) ? e.target.value : null })}>
            <option value={BROWSER}>{t('browser')}</option>
            {LOCALES.map((l) => (
              // Each language names itself, as in the user menu.
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        {save.isSuccess && (
          <span role="status" className="badge ok">
            {tc('saved')}
          </span>
        )}
      </div>
      {me.data && !isAdmin && <p className="muted">{t('adminsOnly')}</p>}
      {save.error && (
        <p className="alert" role="alert">
          {save.error.message}
        </p>
      )}
    </section>
  );
}
