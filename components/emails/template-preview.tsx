'use client';
/** Every template, previewed on sample data the marketer can tweak before a journey sends it. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { EmailFrame } from './email-frame';

export function TemplatePreview() {
  const trpc = useTRPC();
  const templates = useQuery(trpc.emails.templates.queryOptions());
  const [key, setKey] = useState('email-a-nurture');
  const [firstName, setFirstName] = useState('Ada');
  const [company, setCompany] = useState('Analytical Engines Ltd');
  const preview = useQuery({ ...trpc.emails.preview.queryOptions({ key, firstName, company }), placeholderData: keepPreviousData });
  return (
    <section className="card" aria-labelledby="templates-h" data-testid="template-preview">
      <h2 id="templates-h">Templates</h2>
      <div className="row">
        <div>
          <label htmlFor="tpl-key">Template</label>
          <select id="tpl-key" value={key} onChange={(e) => setKey(e.target.value)} data-testid="template-select">
            {templates.data?.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label} ({t.kind})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tpl-first">Sample first name</label>
          <input id="tpl-first" value={firstName} onChange={(e) => setFirstName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="tpl-company">Sample company</label>
          <input id="tpl-company" value={company} onChange={(e) => setCompany(e.target.value)} />
        </div>
      </div>
      {preview.error && <p className="alert" role="alert">{preview.error.message}</p>}
      {preview.data && (
        <>
          <p>
            <strong>Subject:</strong> {preview.data.subject} <span className="muted">— {preview.data.preheader}</span>
          </p>
          <EmailFrame html={preview.data.html} title="Template preview" testId="template-frame" />
        </>
      )}
    </section>
  );
}
