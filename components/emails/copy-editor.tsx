'use client';
/** Edit a template's words per language without a deploy: fields on the left, the live preview on the right, save and send a test. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useTRPC, useTRPCClient } from '@/lib/trpc/client';
import { EmailFrame } from './email-frame';
import { isUuid } from '@/lib/ids';
import { PLACEHOLDERS, unknownPlaceholders } from '@/lib/email/placeholders';
import { EMAIL_LOCALE_NAMES, EMAIL_LOCALES, isEmailLocale, type EmailLocale } from '@/lib/email/locales';
import { TemplateManager } from './template-manager';
import { useTemplateLabel } from './use-template-label';

interface Draft {
  /** The template and language this draft was loaded from: Save writes to these, never to whatever is picked now. */
  key: string;
  locale: EmailLocale;
  subject: string;
  preheader: string;
  heading: string;
  /** Paragraphs separated by a blank line, as a person would type them. */
  paragraphs: string;
  ctaLabel: string;
  ctaUrl: string;
}


function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function toCopy(d: Draft, blocks: unknown) {
  const paragraphs = d.paragraphs.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  // An empty CTA means "no button"; one half-filled is sent as is so the server names the missing field.
  const cta = d.ctaLabel || d.ctaUrl ? { label: d.ctaLabel, url: d.ctaUrl } : undefined;
  return { subject: d.subject, preheader: d.preheader, heading: d.heading, paragraphs, ...(cta ? { cta } : {}), ...(blocks ? { blocks } : {}) };
}

export function CopyEditor() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const t = useTranslations('emails.copy');
  const tp = useTranslations('emails.placeholder');
  const templateLabel = useTemplateLabel();
  const code = (name: string) => `{{${name}}}`;
  const templates = useQuery(trpc.emails.templates.queryOptions());
  const [key, setKey] = useState('email-a-nurture');
  const uiLocale = useLocale();
  // A marketer starts on the copy in their own language; the tabs switch to the other.
  const [locale, setLocale] = useState<EmailLocale>(isEmailLocale(uiLocale) ? uiLocale : 'en');
  const stored = useQuery(trpc.emails.copy.queryOptions({ key, locale }));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [leadId, setLeadId] = useState('');
  const [to, setTo] = useState('');

  // Start from what is stored each time another template is picked (or after a save/reset refetches it).
  useEffect(() => {
    const c = stored.data?.effective;
    if (!c || !stored.data) return;
    setDraft({ key: stored.data.key, locale: stored.data.locale, subject: c.subject, preheader: c.preheader, heading: c.heading, paragraphs: c.paragraphs.join('\n\n'), ctaLabel: c.cta?.label ?? '', ctaUrl: c.cta?.url ?? '' });
  }, [stored.data]);

  // Until the picked template's copy has loaded, nothing from the previous one may be shown or saved.
  const current = draft && draft.key === key && draft.locale === locale ? draft : null;
  const copy = current ? toCopy(current, stored.data?.override?.blocks ?? (stored.data?.fallbackFrom ? stored.data.effective.blocks : undefined)) : undefined;
  const picked = templates.data?.find((x) => x.key === key);
  const isSales = picked?.kind === 'sales';
  const unknownIn = (name: keyof Omit<Draft, 'key' | 'locale'>) => (current ? unknownPlaceholders(current[name], { sales: isSales }) : []);
  const fields = ['subject', 'preheader', 'heading', 'paragraphs', 'ctaLabel', 'ctaUrl'] as const;
  const blocked = fields.some((f) => unknownIn(f).length > 0);
  const debounced = useDebounced({ key, locale, copy, leadId: isUuid(leadId) ? leadId : undefined }, 300);
  const preview = useQuery({
    queryKey: ['copy-preview', debounced],
    queryFn: () => client.emails.previewCopy.mutate(debounced),
    enabled: debounced.copy !== undefined && debounced.key === key && debounced.locale === locale,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.emails.copy.queryKey({ key, locale }) });
  const save = useMutation(trpc.emails.saveCopy.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(trpc.emails.resetCopy.mutationOptions({ onSuccess: refresh }));
  const sendTest = useMutation(trpc.emails.sendTest.mutationOptions());

  const field = (name: keyof Omit<Draft, 'key' | 'locale'>, label: string, multiline = false) => {
    const unknown = unknownIn(name);
    const props = {
      id: `copy-${name}`,
      value: current?.[name] ?? '',
      disabled: !current,
      'aria-invalid': unknown.length > 0 || undefined,
      'aria-describedby': unknown.length > 0 ? `copy-${name}-unknown` : undefined,
      style: { width: '100%' },
    };
    return (
      <div>
        <label htmlFor={`copy-${name}`}>{label}</label>
        {multiline ? (
          <textarea {...props} rows={6} onChange={(e) => setDraft((d) => d && { ...d, [name]: e.target.value })} />
        ) : (
          <input {...props} onChange={(e) => setDraft((d) => d && { ...d, [name]: e.target.value })} />
        )}
        {unknown.length > 0 && (
          <p className="field-hint" id={`copy-${name}-unknown`} data-testid={`unknown-${name}`} role="alert">
            {unknown.map((u) => (u.suggestion ? t('unknownSuggest', { placeholder: code(u.name), suggestion: code(u.suggestion) }) : t('unknown', { placeholder: code(u.name) }))).join(' ')}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby="copy-h" data-testid="copy-editor">
      <h2 id="copy-h">{t('title')}</h2>
      <p className="muted" style={{ fontSize: 13 }}>
        {t.rich('intro', { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <ul className="placeholder-list" data-testid="placeholder-list">
        {PLACEHOLDERS.filter((p) => isSales || !p.salesOnly).map((p) => (
          <li key={p.name} title={tp.has(p.name as never) ? tp(p.name as never) : p.description}>
            <code>{`{{${p.name}}}`}</code>
          </li>
        ))}
      </ul>
      <div className="row" style={{ alignItems: 'flex-start', gap: 16 }}>
        <div style={{ flex: '1 1 320px', display: 'grid', gap: 8 }}>
          <div>
            <label htmlFor="copy-key">{t('template')}</label>
            <select id="copy-key" value={key} onChange={(e) => setKey(e.target.value)}>
              <optgroup label={t('builtIn')}>
                {templates.data?.filter((x) => !x.custom).map((x) => (
                  <option key={x.key} value={x.key}>
                    {templateLabel(x)}
                  </option>
                ))}
              </optgroup>
              {templates.data?.some((x) => x.custom) && (
                <optgroup label={t('fromLayout')}>
                  {templates.data.filter((x) => x.custom).map((x) => (
                    <option key={x.key} value={x.key}>
                      {x.label}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
          <div role="tablist" aria-label={t('languageTabs')} className="row" style={{ gap: 4 }}>
            {EMAIL_LOCALES.map((l) => (
              <button key={l} role="tab" aria-selected={l === locale} className={l === locale ? undefined : 'secondary'} onClick={() => setLocale(l)} data-testid={`copy-locale-${l}`}>
                {EMAIL_LOCALE_NAMES[l]}
              </button>
            ))}
          </div>
          {stored.data?.fallbackFrom && (
            <p className="field-hint" data-testid="copy-fallback">
              {t('fallback', { locale: EMAIL_LOCALE_NAMES[locale], from: EMAIL_LOCALE_NAMES[stored.data.fallbackFrom] })}
            </p>
          )}
          {field('subject', t('subject'))}
          {field('preheader', t('preheader'))}
          {field('heading', t('heading'))}
          {field('paragraphs', t('paragraphs'), true)}
          {field('ctaLabel', t('ctaLabel'))}
          {field('ctaUrl', t('ctaUrl'))}
          <div>
            <label htmlFor="copy-lead">{t('previewLead')}</label>
            <input id="copy-lead" value={leadId} onChange={(e) => setLeadId(e.target.value.trim())} placeholder="00000000-…" style={{ width: '100%' }} />
          </div>
          <div className="row">
            <button
              data-testid="copy-save"
              disabled={!copy || !current || blocked || save.isPending}
              title={blocked ? t('fixPlaceholders') : undefined}
              onClick={() => copy && current && save.mutate({ key: current.key, locale: current.locale, copy })}
            >
              {save.isPending ? t('saving') : t('save')}
            </button>
            <button className="secondary" disabled={reset.isPending || !stored.data?.override} onClick={() => reset.mutate({ key, locale })}>
              {stored.data?.custom ? t('removeLocale', { locale: EMAIL_LOCALE_NAMES[locale] }) : t('reset')}
            </button>
          </div>
          {save.error && <p className="alert" role="alert">{save.error.message}</p>}
          {save.isSuccess && !save.isPending && (
            <p role="status">
              {t('saved', { template: picked ? templateLabel(picked) : key, locale: EMAIL_LOCALE_NAMES[save.variables?.locale ?? 'en'] })}
            </p>
          )}
          <div>
            <label htmlFor="copy-test-to">{t('testTo')}</label>
            <input id="copy-test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} placeholder="you@company.com" style={{ width: '100%' }} />
          </div>
          <button
            className="secondary"
            data-testid="send-test"
            disabled={!copy || !to || sendTest.isPending}
            onClick={() => copy && sendTest.mutate({ key, locale, to, copy, leadId: isUuid(leadId) ? leadId : undefined })}
          >
            {sendTest.isPending ? t('sending') : t('sendTest')}
          </button>
          {sendTest.error && <p className="alert" role="alert">{sendTest.error.message}</p>}
          {sendTest.data && <p role="status">{t('testSent', { subject: sendTest.data.subject })}</p>}
        </div>
        <div style={{ flex: '2 1 420px' }}>
          {preview.error && <p className="alert" role="alert">{preview.error.message}</p>}
          {preview.data && (
            <>
              <p data-testid="copy-preview-subject">
                {t.rich('subjectLine', { subject: preview.data.subject, b: (chunks) => <strong>{chunks}</strong> })}{' '}
                <span className="muted">{t('previewMeta', { preheader: preview.data.preheader, to: preview.data.leadEmail })}</span>
              </p>
              <EmailFrame html={preview.data.html} title={t('previewFrame')} testId="copy-preview-frame" />
            </>
          )}
        </div>
      </div>
      <TemplateManager selected={picked ?? null} onSelect={setKey} />
    </section>
  );
}
