'use client';
/** The form builder: fields with required flags, consent, double opt-in, allowed sites, thank-you; then the hosted link and embed snippet. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { EMAIL_LOCALE_NAMES } from '@/lib/email/locales';
import { useServerText } from '@/components/ui/use-server-text';
import { formDefinitionSchema, formSource, type FormDefinitionInput } from '@/lib/forms/definition';
import { formFieldText, formProblemText } from '@/lib/forms/problems';
import { isText, text } from '@/lib/i18n/server-text';
import { useTRPC } from '@/lib/trpc/client';
import { FieldRows } from './field-rows';

export function FormEditorPage({ id }: { id: string | null }) {
  const td = useTranslations('forms.defaults');
  const tf = useTranslations('forms.fields');
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.forms.get.queryOptions({ id: id ?? '' }), enabled: id !== null });
  if (id && !existing.data) return existing.error ? <p className="alert">{existing.error.message}</p> : <p>{td('loading')}</p>;
  const row = existing.data;
  // A new form starts in the marketer's language; every word of it stays editable.
  const blank: FormDefinitionInput = {
    name: '',
    title: '',
    submitLabel: td('submit'),
    fields: [
      { key: 'email', label: tf('lead.email'), required: true },
      { key: 'first_name', label: tf('lead.first_name'), required: false },
    ],
    consent: { enabled: true, label: td('consent'), required: true },
    thankYou: { kind: 'message', message: td('thankYou') },
    allowedOrigins: [],
    doubleOptIn: false,
  };
  const initial: FormDefinitionInput = row
    ? { name: row.name, title: row.title, submitLabel: row.submitLabel, fields: row.fields, consent: row.consent, thankYou: row.thankYou, allowedOrigins: row.allowedOrigins, doubleOptIn: row.doubleOptIn }
    : blank;
  return <FormEditor key={row?.updatedAt.toString() ?? 'new'} id={id} initial={initial} />;
}

function FormEditor({ id, initial }: { id: string | null; initial: FormDefinitionInput }) {
  const t = useTranslations('forms.editor');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const language = useQuery(trpc.settings.emailLanguage.queryOptions());
  const mayEdit = (me.data?.allowed ?? []).includes('forms.save');
  const [def, setDef] = useState<FormDefinitionInput>(initial);
  const [origins, setOrigins] = useState((initial.allowedOrigins ?? []).join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const say = useServerText();
  const save = useMutation(
    trpc.forms.save.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.forms.pathKey() });
        if (!id) router.replace(`/forms/${saved.id}`);
      },
    }),
  );
  const patch = (p: Partial<FormDefinitionInput>) => setDef((d) => ({ ...d, ...p }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const candidate = { ...def, allowedOrigins: origins.split(/[\s,]+/).filter(Boolean) };
    // The server checks the same schema; checking here first names the field without a round trip.
    const parsed = formDefinitionSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setProblem(say(formProblemText(issue), `${issue.path.join('.')}: ${issue.message}`));
      return;
    }
    setProblem(null);
    save.mutate({ id, form: candidate });
  }

  /** The server's refusal in the reader's language: its key when it sent one, else its first schema issue, else its English. */
  function serverProblem(error: { message: string; data?: { field?: string | null; text?: unknown; zodIssues?: unknown } | null }): string {
    const data = error.data;
    if (data && isText(data.text)) return say(text('serverText.form.problem', { field: formFieldText((data.field ?? '').split('.')), issue: data.text }), error.message);
    const issue = Array.isArray(data?.zodIssues) ? (data.zodIssues[0] as Parameters<typeof formProblemText>[0] | undefined) : undefined;
    // The router's input is { id, form }: the builder's fields start below `form`.
    return issue ? say(formProblemText({ ...issue, path: issue.path[0] === 'form' ? issue.path.slice(1) : issue.path }), error.message) : error.message;
  }

  const thankYou = def.thankYou;
  return (
    <>
      <h1>{id ? t('title', { name: initial.name }) : t('newTitle')}</h1>
      <form className="card" onSubmit={submit} data-testid="form-editor" style={{ display: 'grid', gap: 12 }}>
        <div className="row">
          <div>
            <label htmlFor="form-name">{t('name', { source: 'form:<name>' })}</label>
            <input id="form-name" data-testid="form-name" value={def.name} onChange={(e) => patch({ name: e.target.value })} />
          </div>
          <div>
            <label htmlFor="form-title">{t('heading')}</label>
            <input id="form-title" data-testid="form-title" value={def.title} onChange={(e) => patch({ title: e.target.value })} />
          </div>
          <div>
            <label htmlFor="form-submit-label">{t('button')}</label>
            <input id="form-submit-label" value={def.submitLabel} onChange={(e) => patch({ submitLabel: e.target.value })} />
          </div>
        </div>
        <FieldRows fields={def.fields} onChange={(fields) => patch({ fields })} />
        <fieldset>
          <legend>{t('consent')}</legend>
          <label>
            <input type="checkbox" data-testid="consent-enabled" checked={def.consent.enabled} onChange={(e) => patch({ consent: { ...def.consent, enabled: e.target.checked } })} /> {t('consentShow')}
          </label>{' '}
          <label>
            <input type="checkbox" checked={def.consent.required} onChange={(e) => patch({ consent: { ...def.consent, required: e.target.checked } })} /> {t('consentRequired')}
          </label>
          <input aria-label={t('consentText')} data-testid="consent-label" value={def.consent.label} onChange={(e) => patch({ consent: { ...def.consent, label: e.target.value } })} style={{ width: '100%' }} />
        </fieldset>
        <fieldset>
          <legend>{t('after')}</legend>
          <select aria-label={t('after')} data-testid="thank-you-kind" value={thankYou.kind} onChange={(e) => patch({ thankYou: e.target.value === 'redirect' ? { kind: 'redirect', url: 'https://' } : { kind: 'message', message: t('thanksShort') } })}>
            <option value="message">{t('afterMessage')}</option>
            <option value="redirect">{t('afterRedirect')}</option>
          </select>{' '}
          {thankYou.kind === 'message' ? (
            <input aria-label={t('thankYouMessage')} data-testid="thank-you-message" value={thankYou.message} onChange={(e) => patch({ thankYou: { kind: 'message', message: e.target.value } })} style={{ width: '60%' }} />
          ) : (
            <input aria-label={t('redirectUrl')} data-testid="thank-you-url" value={thankYou.url} onChange={(e) => patch({ thankYou: { kind: 'redirect', url: e.target.value } })} style={{ width: '60%' }} />
          )}
        </fieldset>
        <label>
          <input type="checkbox" data-testid="double-opt-in" checked={def.doubleOptIn ?? false} onChange={(e) => patch({ doubleOptIn: e.target.checked })} /> {t('doubleOptIn')}
        </label>
        <div>
          <label htmlFor="form-origins">{t('origins')}</label>
          <textarea id="form-origins" data-testid="form-origins" rows={3} value={origins} onChange={(e) => setOrigins(e.target.value)} style={{ width: '100%' }} />
        </div>
        {language.data && (
          <p className="muted" data-testid="form-language">
            {t('language', { language: EMAIL_LOCALE_NAMES[language.data.locale] })}
          </p>
        )}
        <div className="row">
          <button type="submit" data-testid="save-form" disabled={!mayEdit || save.isPending}>
            {id ? t('save') : t('create')}
          </button>
          {save.isSuccess && id && <span role="status" className="badge ok">{t('saved')}</span>}
          {!mayEdit && <span className="muted">{t('readOnly')}</span>}
        </div>
        {(problem ?? save.error) && (
          <p className="alert" role="alert" data-testid="form-problem">
            {problem ?? (save.error ? serverProblem(save.error) : null)}
          </p>
        )}
      </form>
      {id && <ShareCard id={id} name={initial.name} />}
    </>
  );
}

function ShareCard({ id, name }: { id: string; name: string }) {
  const ts = useTranslations('forms.share');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const snippet = `<script src="${origin}/api/forms/${id}/embed" async></script>`;
  return (
    <section className="card" aria-labelledby="share-h">
      <h2 id="share-h">{ts('title')}</h2>
      <p>
        {ts('hosted')}{' '}
        <a href={`/f/${id}`} data-testid="hosted-link" target="_blank" rel="noreferrer">
          {origin}/f/{id}
        </a>
      </p>
      <label htmlFor="embed-snippet">{ts('snippet')}</label>
      <textarea id="embed-snippet" data-testid="embed-snippet" readOnly rows={2} value={snippet} style={{ width: '100%', fontFamily: 'monospace' }} onFocus={(e) => e.target.select()} />
      <p>
        <Link href={`/leads?source=${encodeURIComponent(formSource(name))}`} data-testid="form-leads">
          {ts('leads')}
        </Link>
      </p>
    </section>
  );
}
