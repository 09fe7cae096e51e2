'use client';
/** A new blast: pick the template and the audience, see how many leads it reaches and who, confirm the count, send. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { useTemplateLabel } from '@/components/emails/use-template-label';
import { useFormat } from '@/components/ui/use-format';
import { EMAIL_LOCALE_NAMES, EMAIL_LOCALES, type EmailLocale } from '@/lib/email/locales';
import { useTRPC } from '@/lib/trpc/client';

const STAGES = ['cold', 'warm', 'engaged', 'hot'] as const;
type Stage = (typeof STAGES)[number];

export function NewBlast() {
  const t = useTranslations('blasts.new');
  const ts = useTranslations('stages');
  const { number } = useFormat();
  const label = useTemplateLabel();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [template, setTemplate] = useState('');
  const [source, setSource] = useState('');
  const [stage, setStage] = useState<Stage | ''>('');
  const [tag, setTag] = useState('');
  const [language, setLanguage] = useState<EmailLocale | ''>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  // One id per confirmed send: a double click or a retried request finds the blast it already started.
  const requestId = useRef<string>('');

  const audience = { ...(source ? { source } : {}), ...(stage ? { stage } : {}), ...(tag ? { tag } : {}), ...(language ? { language } : {}) };
  const options = useQuery(trpc.blasts.options.queryOptions());
  const preview = useQuery(trpc.blasts.preview.queryOptions({ audience }));
  const picked = options.data?.templates.find((x) => x.key === template);
  const templateLabel = picked ? label(picked) : template;
  const count = preview.data?.count ?? 0;
  const start = useMutation(
    trpc.blasts.start.mutationOptions({
      onSuccess: (r) => {
        setMessage({ ok: true, text: t('started', { count: r.audienceCount }) });
        requestId.current = '';
        void qc.invalidateQueries({ queryKey: trpc.blasts.list.queryKey() });
      },
      onError: (e) => setMessage({ ok: false, text: e.message }),
    }),
  );

  function review() {
    setMessage(null);
    requestId.current ||= crypto.randomUUID();
    dialog.current?.showModal();
  }

  function send() {
    dialog.current?.close();
    start.mutate({ requestId: requestId.current, name: name.trim() || templateLabel, template, audience });
  }

  return (
    <section className="card" aria-labelledby="new-blast-h" data-testid="new-blast">
      <h2 id="new-blast-h">{t('title')}</h2>
      <div className="grid">
        <div>
          <label htmlFor={`${id}-name`}>{t('name')}</label>
          <input id={`${id}-name`} style={{ width: '100%' }} value={name} onChange={(e) => setName(e.target.value)} placeholder={templateLabel || t('namePlaceholder')} maxLength={120} />
        </div>
        <PickOne id={`${id}-template`} label={t('template')} any={t('pickTemplate')} value={template} onChange={setTemplate} options={(options.data?.templates ?? []).map((x) => ({ value: x.key, text: label(x) }))} />
        <PickOne id={`${id}-source`} label={t('source')} any={t('anySource')} value={source} onChange={setSource} options={(options.data?.sources ?? []).map((x) => ({ value: x, text: x }))} />
        <PickOne id={`${id}-stage`} label={t('stage')} any={t('anyStage')} value={stage} onChange={(v) => setStage(v as Stage | '')} options={STAGES.map((x) => ({ value: x, text: ts(x) }))} />
        <PickOne id={`${id}-tag`} label={t('tag')} any={t('anyTag')} value={tag} onChange={setTag} options={(options.data?.tags ?? []).map((x) => ({ value: x, text: x }))} />
        <PickOne id={`${id}-language`} label={t('language')} any={t('anyLanguage')} value={language} onChange={(v) => setLanguage(v as EmailLocale | '')} options={EMAIL_LOCALES.map((x) => ({ value: x, text: EMAIL_LOCALE_NAMES[x] }))} />
      </div>
      <p data-testid="blast-audience-count" aria-live="polite">
        {preview.isPending ? t('counting') : t('reaches', { count, shown: number(count) })}
      </p>
      {preview.data && preview.data.sample.length > 0 && (
        <p className="muted small" data-testid="blast-audience-sample">
          {t('sample')} {preview.data.sample.map((l) => [l.firstName, l.lastName].filter(Boolean).join(' ') || l.email).join(', ')}
          {count > preview.data.sample.length ? ` ${t('andMore', { more: number(count - preview.data.sample.length) })}` : ''}
        </p>
      )}
      <p className="muted small">{t('rules')}</p>
      <div className="row">
        <button type="button" data-testid="blast-review" disabled={!template || count === 0 || start.isPending} onClick={review}>
          {start.isPending ? t('starting') : t('review')}
        </button>
        {message && (
          <span role={message.ok ? 'status' : 'alert'} data-testid="blast-message">
            {message.text}
          </span>
        )}
      </div>
      <dialog ref={dialog} className="confirm" aria-labelledby="blast-confirm-h" data-testid="blast-confirm" style={{ maxWidth: 520 }}>
        <h2 id="blast-confirm-h">{t('confirmTitle', { count, shown: number(count) })}</h2>
        <p>{t('confirmBody', { template: templateLabel, name: name.trim() || templateLabel })}</p>
        <p className="muted small">{t('confirmNote')}</p>
        <div className="row">
          <button type="button" data-testid="blast-send" onClick={send}>
            {t('send', { count, shown: number(count) })}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('back')}
          </button>
        </div>
      </dialog>
    </section>
  );
}

/** One labelled choice of the audience or template; the empty option means "any" (or "pick one"). */
function PickOne(props: { id: string; label: string; any: string; value: string; onChange: (value: string) => void; options: { value: string; text: string }[] }) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} style={{ width: '100%' }} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
