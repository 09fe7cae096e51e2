'use client';
/** Every template, previewed on sample data the marketer can tweak before a journey sends it. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { EmailFrame } from './email-frame';
import { useTemplateLabel } from './use-template-label';

export function TemplatePreview() {
  const trpc = useTRPC();
  const t = useTranslations('emails.preview');
  const tk = useTranslations('emails.kind');
  const tc = useTranslations('emails.copy');
  const templateLabel = useTemplateLabel();
  const templates = useQuery(trpc.emails.templates.queryOptions());
  const [key, setKey] = useState('email-a-nurture');
  const [firstName, setFirstName] = useState('Ada');
  const [company, setCompany] = useState('Analytical Engines Ltd');
  const preview = useQuery({ ...trpc.emails.preview.queryOptions({ key, firstName, company }), placeholderData: keepPreviousData });
  return (
    <section className="card" aria-labelledby="templates-h" data-testid="template-preview">
      <h2 id="templates-h">{t('title')}</h2>
      <div className="row">
        <div>
          <label htmlFor="tpl-key">{t('template')}</label>
          <select id="tpl-key" value={key} onChange={(e) => setKey(e.target.value)} data-testid="template-select">
            {templates.data?.map((x) => (
              <option key={x.key} value={x.key}>
                {t('option', { label: templateLabel(x), kind: tk(x.kind) })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tpl-first">{t('firstName')}</label>
          <input id="tpl-first" value={firstName} onChange={(e) => setFirstName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="tpl-company">{t('company')}</label>
          <input id="tpl-company" value={company} onChange={(e) => setCompany(e.target.value)} />
        </div>
      </div>
      {preview.error && <p className="alert" role="alert">{preview.error.message}</p>}
      {preview.data && (
        <>
          <p>
            {tc.rich('subjectLine', { subject: preview.data.subject, b: (chunks) => <strong>{chunks}</strong> })} <span className="muted">— {preview.data.preheader}</span>
          </p>
          <EmailFrame html={preview.data.html} title={t('frame')} testId="template-frame" />
        </>
      )}
    </section>
  );
}
