'use client';
/** The default email language: what leads captured without a language of their own are mailed in, and sales notifications are written in. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { EMAIL_LOCALE_NAMES, EMAIL_LOCALES, isEmailLocale } from '@/lib/email/locales';

export function EmailLanguage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data } = useQuery(trpc.settings.emailLanguage.queryOptions());
  const save = useMutation(trpc.settings.saveEmailLanguage.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.settings.emailLanguage.queryKey() }) }));
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="email-language-h" data-testid="email-language">
      <h2 id="email-language-h">Email language</h2>
      <p className="muted">
        A lead is mailed in its own language when capture gave one (<code>language</code> on the API, the form’s page or browser, a CSV column). Leads without one get this
        language, and sales notifications are written in it.
      </p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <div>
          <label htmlFor="email-default-locale">Default email language</label>
          <select id="email-default-locale" value={save.isPending ? save.variables.locale : data.locale} onChange={(e) => isEmailLocale(e.target.value) && save.mutate({ locale: e.target.value })}>
            {EMAIL_LOCALES.map((l) => (
              <option key={l} value={l}>
                {EMAIL_LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        {save.isSuccess && <span role="status" className="badge ok">Saved</span>}
      </div>
      {save.error && <p className="alert" role="alert">{save.error.message}</p>}
    </section>
  );
}
