/** `{{variable}}` interpolation for marketer-written copy, with fallbacks so a missing field never shows as a blank. */
import type { EmailCopy } from '@/emails/copy/defaults';

export type TemplateVars = Record<string, string | number | null | undefined>;

/** Used when a variable is missing or empty; `{{name|fallback}}` in the copy wins over these. */
export const VARIABLE_FALLBACKS: Readonly<Record<string, string>> = {
  first_name: 'there',
  company: 'your team',
  last_action: 'checking us out',
  lead_name: 'A lead',
  owner_name: 'team',
  reason: 'lead score reached the hot threshold',
};

const LAST_ACTION_PHRASES: Readonly<Record<string, string>> = {
  download_whitepaper: 'downloading our whitepaper',
  visit_pricing: 'looking at our pricing',
  register_webinar: 'registering for our webinar',
  schedule_demo: 'scheduling a demo',
  email_click: 'reading our emails',
  email_open: 'reading our emails',
  form_submit: 'getting in touch',
};

/** Turns an event type into a phrase that reads after "Thanks for …" or "You have been …". */
export function lastActionPhrase(action: string | null | undefined): string | undefined {
  if (!action) return undefined;
  return LAST_ACTION_PHRASES[action] ?? action.replace(/_/g, ' ');
}

const PATTERN = /\{\{\s*([A-Za-z0-9_.]+)\s*(?:\|([^}]*))?\}\}/g;

export function interpolate(text: string, vars: TemplateVars): string {
  return text.replace(PATTERN, (_match, name: string, inlineFallback: string | undefined) => {
    const value = vars[name];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value);
    if (inlineFallback !== undefined) return inlineFallback.trim();
    return VARIABLE_FALLBACKS[name] ?? '';
  });
}

export function interpolateCopy(copy: EmailCopy, vars: TemplateVars): EmailCopy {
  const cta = (c: EmailCopy['cta']) => (c ? { label: interpolate(c.label, vars), url: interpolate(c.url, vars) } : undefined);
  const blocks = copy.blocks
    ? Object.fromEntries(
        Object.entries(copy.blocks).map(([action, block]) => [
          action,
          { heading: interpolate(block.heading, vars), paragraphs: block.paragraphs.map((p) => interpolate(p, vars)), cta: cta(block.cta) },
        ]),
      )
    : undefined;
  return {
    subject: interpolate(copy.subject, vars),
    preheader: interpolate(copy.preheader, vars),
    heading: interpolate(copy.heading, vars),
    paragraphs: copy.paragraphs.map((p) => interpolate(p, vars)),
    cta: cta(copy.cta),
    blocks,
  };
}
