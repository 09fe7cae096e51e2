/**
 * The form as a visitor sees it, in plain DOM so it runs on any page: the hosted page mounts it and the embed script
 * bundles it. It validates with the same `submissionSchema` as the server and posts JSON to the public endpoint.
 */
import { fieldProblem, PUBLIC_FORM_COPY, publicFormCopy } from './copy';
import { HONEYPOT, inputType, submissionSchema, UTM_KEYS, type PublicForm } from './definition';

export interface MountConfig {
  form: PublicForm;
  endpoint: string;
  /** The language the visitor reads the form in: the hosted page passes the form's; an embed reads its host page's <html lang>. */
  pageLanguage?: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Hidden context the marketer wants with every lead: UTMs from the page's URL, the referrer and the page itself. */
function hiddenContext(pageLanguage?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const params = new URLSearchParams(window.location.search);
  for (const k of UTM_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  if (document.referrer) out.referrer = document.referrer;
  out.page_url = window.location.href;
  // The page's language (the hosted form's, an embedding page's <html lang>), else the browser's: the lead is mailed in it when Leadflow speaks it.
  const language = (pageLanguage ?? document.documentElement.lang) || navigator.language;
  if (language) out.language = language;
  return out;
}

export function mount({ form, endpoint, pageLanguage }: MountConfig, target: HTMLElement): void {
  target.replaceChildren();
  // The form's language: its messages, and lang for screen readers and spell-checkers.
  const copy = publicFormCopy(form.language);
  const f = el('form', { class: 'lf-form', 'data-leadflow-form': form.id, novalidate: '', lang: form.language ?? 'en' });
  f.style.cssText = 'display:grid;gap:12px;max-width:480px;font:inherit';
  if (form.title) f.append(el('h2', { class: 'lf-title' }, form.title));
  const errors = new Map<string, HTMLElement>();
  const errorSlot = (key: string) => {
    const slot = el('div', { class: 'lf-error', id: `lf-${form.id}-${key}-error`, role: 'alert', 'data-error-for': key });
    slot.style.cssText = 'color:#b91c1c;font-size:13px';
    errors.set(key, slot);
    return slot;
  };

  for (const field of form.fields) {
    const id = `lf-${form.id}-${field.key}`;
    const wrap = el('div', { class: 'lf-field' });
    wrap.style.cssText = 'display:grid;gap:4px';
    const label = el('label', { for: id }, field.required ? `${field.label} *` : field.label);
    const input = el('input', { id, name: field.key, type: inputType(field.key), 'aria-describedby': `${id}-error` });
    if (field.required) input.setAttribute('aria-required', 'true');
    if (field.key === 'email') input.setAttribute('autocomplete', 'email');
    input.style.cssText = 'padding:8px;border:1px solid #cbd5e1;border-radius:6px;font:inherit';
    wrap.append(label, input, errorSlot(field.key));
    f.append(wrap);
  }
  if (form.consent.enabled) {
    const id = `lf-${form.id}-consent`;
    const wrap = el('div', { class: 'lf-consent' });
    const box = el('input', { id, name: 'consent', type: 'checkbox', 'aria-describedby': `${id}-error` });
    const label = el('label', { for: id }, form.consent.required ? `${form.consent.label} *` : form.consent.label);
    label.style.marginLeft = '6px';
    wrap.append(box, label, errorSlot('consent'));
    f.append(wrap);
  }
  // People never see or reach the honeypot; a bot that fills every input fills it.
  const trap = el('div', { 'aria-hidden': 'true' });
  trap.style.cssText = 'position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden';
  trap.append(el('input', { name: HONEYPOT, type: 'text', tabindex: '-1', autocomplete: 'off' }));
  f.append(trap);

  const status = el('div', { class: 'lf-status', role: 'status' });
  const button = el('button', { type: 'submit', class: 'lf-submit' }, form.submitLabel);
  button.style.cssText = 'padding:10px 16px;border:0;border-radius:6px;background:#4f46e5;color:#fff;font:inherit;font-weight:600;cursor:pointer';
  f.append(button, status);
  target.append(f);

  const show = (key: string, message: string) => {
    const slot = errors.get(key);
    if (slot) slot.textContent = message;
    else status.textContent = message;
  };

  f.addEventListener('submit', (e) => {
    e.preventDefault();
    for (const slot of errors.values()) slot.textContent = '';
    status.textContent = '';
    const data: Record<string, unknown> = { ...hiddenContext(pageLanguage) };
    for (const input of Array.from(f.querySelectorAll('input'))) {
      if (input.type === 'checkbox') data[input.name] = input.checked;
      else if (input.value !== '') data[input.name] = input.value;
    }
    const parsed = submissionSchema(form).safeParse(data);
    if (!parsed.success) {
      const shown = new Set<string>();
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (!shown.has(key)) show(key, fieldProblem(issue.message, copy));
        shown.add(key);
      }
      f.querySelector<HTMLInputElement>(`[name="${String(parsed.error.issues[0]!.path[0])}"]`)?.focus();
      return;
    }
    button.disabled = true;
    void send(data).finally(() => (button.disabled = false));
  });

  async function send(data: Record<string, unknown>): Promise<void> {
    try {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
      const body = (await res.json().catch(() => ({}))) as { status?: string; thank_you?: PublicForm['thankYou']; error?: string; field?: string };
      if (!res.ok) {
        const english = copy === PUBLIC_FORM_COPY.en;
        if (body.field && errors.has(body.field)) show(body.field, fieldProblem((body.error ?? '').replace(`${body.field}: `, ''), copy));
        else if (english) show('', body.error ?? copy.failed);
        else show('', body.field === 'rate' ? copy.rateLimited : copy.failed);
        return;
      }
      const thanks = body.thank_you ?? form.thankYou;
      if (thanks.kind === 'redirect') {
        window.location.assign(thanks.url);
        return;
      }
      const done = el('div', { class: 'lf-thanks', role: 'status', 'data-leadflow-done': form.id });
      done.append(el('p', {}, thanks.message));
      if (body.status === 'pending_confirmation') done.append(el('p', {}, copy.checkInbox));
      f.replaceWith(done);
    } catch {
      status.textContent = copy.unreachable;
    }
  }
}

/** Called by the embed script: renders into <div data-leadflow-form="<id>"> when the page has one, else right after the script tag. */
export function mountAfterScript(config: MountConfig, script: Element | null): void {
  let target = document.querySelector<HTMLElement>(`div[data-leadflow-form="${config.form.id}"]:not([data-leadflow-mounted])`);
  if (!target) {
    target = document.createElement('div');
    if (script?.parentNode) script.parentNode.insertBefore(target, script.nextSibling);
    else document.body.append(target);
  }
  target.setAttribute('data-leadflow-mounted', '');
  // The endpoint lives wherever the script came from, whatever the page's own origin.
  const src = script instanceof HTMLScriptElement && script.src ? script.src : window.location.href;
  mount({ ...config, endpoint: new URL(config.endpoint, src).toString() }, target);
}
