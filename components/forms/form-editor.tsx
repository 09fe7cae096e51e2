'use client';
/** The form builder: fields with required flags, consent, double opt-in, allowed sites, thank-you; then the hosted link and embed snippet. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { formDefinitionSchema, formSource, LEAD_FIELDS, type FormDefinitionInput } from '@/lib/forms/definition';
import { useTRPC } from '@/lib/trpc/client';
import { FieldRows } from './field-rows';

const BLANK: FormDefinitionInput = {
  name: '',
  title: '',
  submitLabel: 'Submit',
  fields: [
    { key: 'email', label: LEAD_FIELDS.email.label, required: true },
    { key: 'first_name', label: LEAD_FIELDS.first_name.label, required: false },
  ],
  consent: { enabled: true, label: 'I agree to receive emails about products and offers.', required: true },
  thankYou: { kind: 'message', message: 'Thank you! We will be in touch shortly.' },
  allowedOrigins: [],
  doubleOptIn: false,
};

export function FormEditorPage({ id }: { id: string | null }) {
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.forms.get.queryOptions({ id: id ?? '' }), enabled: id !== null });
  if (id && !existing.data) return existing.error ? <p className="alert">{existing.error.message}</p> : <p>Loading…</p>;
  const row = existing.data;
  const initial: FormDefinitionInput = row
    ? { name: row.name, title: row.title, submitLabel: row.submitLabel, fields: row.fields, consent: row.consent, thankYou: row.thankYou, allowedOrigins: row.allowedOrigins, doubleOptIn: row.doubleOptIn }
    : BLANK;
  return <FormEditor key={row?.updatedAt.toString() ?? 'new'} id={id} initial={initial} />;
}

function FormEditor({ id, initial }: { id: string | null; initial: FormDefinitionInput }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const mayEdit = (me.data?.allowed ?? []).includes('forms.save');
  const [def, setDef] = useState<FormDefinitionInput>(initial);
  const [origins, setOrigins] = useState((initial.allowedOrigins ?? []).join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
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
      setProblem(`${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    setProblem(null);
    save.mutate({ id, form: candidate });
  }

  const thankYou = def.thankYou;
  return (
    <>
      <h1>{id ? `Form: ${initial.name}` : 'New form'}</h1>
      <form className="card" onSubmit={submit} data-testid="form-editor" style={{ display: 'grid', gap: 12 }}>
        <div className="row">
          <div>
            <label htmlFor="form-name">Name (leads get source form:&lt;name&gt;)</label>
            <input id="form-name" data-testid="form-name" value={def.name} onChange={(e) => patch({ name: e.target.value })} />
          </div>
          <div>
            <label htmlFor="form-title">Heading shown above the form</label>
            <input id="form-title" data-testid="form-title" value={def.title} onChange={(e) => patch({ title: e.target.value })} />
          </div>
          <div>
            <label htmlFor="form-submit-label">Button</label>
            <input id="form-submit-label" value={def.submitLabel} onChange={(e) => patch({ submitLabel: e.target.value })} />
          </div>
        </div>
        <FieldRows fields={def.fields} onChange={(fields) => patch({ fields })} />
        <fieldset>
          <legend>Consent</legend>
          <label>
            <input type="checkbox" data-testid="consent-enabled" checked={def.consent.enabled} onChange={(e) => patch({ consent: { ...def.consent, enabled: e.target.checked } })} /> Show a consent checkbox
          </label>{' '}
          <label>
            <input type="checkbox" checked={def.consent.required} onChange={(e) => patch({ consent: { ...def.consent, required: e.target.checked } })} /> Must be ticked
          </label>
          <input aria-label="Consent text" data-testid="consent-label" value={def.consent.label} onChange={(e) => patch({ consent: { ...def.consent, label: e.target.value } })} style={{ width: '100%' }} />
        </fieldset>
        <fieldset>
          <legend>After submitting</legend>
          <select aria-label="After submitting" data-testid="thank-you-kind" value={thankYou.kind} onChange={(e) => patch({ thankYou: e.target.value === 'redirect' ? { kind: 'redirect', url: 'https://' } : { kind: 'message', message: 'Thank you!' } })}>
            <option value="message">Show a thank-you message</option>
            <option value="redirect">Go to a page</option>
          </select>{' '}
          {thankYou.kind === 'message' ? (
            <input aria-label="Thank-you message" data-testid="thank-you-message" value={thankYou.message} onChange={(e) => patch({ thankYou: { kind: 'message', message: e.target.value } })} style={{ width: '60%' }} />
          ) : (
            <input aria-label="Redirect URL" data-testid="thank-you-url" value={thankYou.url} onChange={(e) => patch({ thankYou: { kind: 'redirect', url: e.target.value } })} style={{ width: '60%' }} />
          )}
        </fieldset>
        <label>
          <input type="checkbox" data-testid="double-opt-in" checked={def.doubleOptIn ?? false} onChange={(e) => patch({ doubleOptIn: e.target.checked })} /> Double opt-in: journeys start only after the lead confirms by email
        </label>
        <div>
          <label htmlFor="form-origins">Sites that may embed this form (one origin per line, e.g. https://www.example.com or *.example.com)</label>
          <textarea id="form-origins" data-testid="form-origins" rows={3} value={origins} onChange={(e) => setOrigins(e.target.value)} style={{ width: '100%' }} />
        </div>
        <div className="row">
          <button type="submit" data-testid="save-form" disabled={!mayEdit || save.isPending}>
            {id ? 'Save form' : 'Create form'}
          </button>
          {save.isSuccess && id && <span role="status" className="badge ok">Saved</span>}
          {!mayEdit && <span className="muted">Only marketers and admins edit forms.</span>}
        </div>
        {(problem ?? save.error) && (
          <p className="alert" role="alert" data-testid="form-problem">
            {problem ?? save.error?.message}
          </p>
        )}
      </form>
      {id && <ShareCard id={id} name={initial.name} />}
    </>
  );
}

function ShareCard({ id, name }: { id: string; name: string }) {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const snippet = `<script src="${origin}/api/forms/${id}/embed" async></script>`;
  return (
    <section className="card" aria-labelledby="share-h">
      <h2 id="share-h">Publish</h2>
      <p>
        Hosted page:{' '}
        <a href={`/f/${id}`} data-testid="hosted-link" target="_blank" rel="noreferrer">
          {origin}/f/{id}
        </a>
      </p>
      <label htmlFor="embed-snippet">Embed snippet: paste where the form should appear (the site must be listed above)</label>
      <textarea id="embed-snippet" data-testid="embed-snippet" readOnly rows={2} value={snippet} style={{ width: '100%', fontFamily: 'monospace' }} onFocus={(e) => e.target.select()} />
      <p>
        <Link href={`/leads?source=${encodeURIComponent(formSource(name))}`} data-testid="form-leads">
          Leads from this form
        </Link>
      </p>
    </section>
  );
}
