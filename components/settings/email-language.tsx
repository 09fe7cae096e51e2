'use client';
/** The default email language: what leads captured without a language of their own are mailed in, and sales notifications are written in. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/lib/trpc/client';
import { EMAIL_LOCALE_NAMES, EMAIL_LOCALES, isEmailLocale } from '@/lib/email/locales';

export function EmailLanguage() {
  const trpc = useTRPC();
  const t = useTranslations('settings.emailLanguage');
  const tc = useTranslations('common');
  const qc = useQueryClient();
  const { data } = useQuery(trpc.settings.emailLanguage.queryOptions());
  const save = useMutation(trpc.settings.saveEmailLanguage.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.settings.emailLanguage.queryKey() }) }));
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="email-language-h" data-testid="email-language">
      <h2 id="email-language-h">{t('title')}</h2>
      <p className="muted">
        {t.rich('intro', { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <div>
          <label htmlFor="email-default-locale">{t('default')}</label>
          <select id="email-default-locale" value={save.isPending ? save.variables.locale : data.locale} onChange={(e) => isEmailLocale(e.target.value) && save.mutate({ locale: e.target.value })}>
            {EMAIL_LOCALES.map((l) => (
              <option key={l} value={l}>
                {EMAIL_LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        {save.isSuccess && <span role="status" className="badge ok">{tc('saved')}</span>}
      </div>
      {save.error && <p className="alert" role="alert">{save.error.message}</p>}
    </section>
  );
}
