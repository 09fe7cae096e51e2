/** `{{variable}}` interpolation for marketer-written copy, with fallbacks so a missing field never shows as a blank. */
import type { EmailCopy } from '@/emails/copy/defaults';
import type { EmailLocale } from './locales';

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

// Vietnamese copy says "Chào anh/chị {{first_name}}": with no name the honorific stands alone ("Chào anh/chị,").
const VARIABLE_FALLBACKS_VI: Readonly<Record<string, string>> = {
  first_name: '',
  company: 'quý công ty',
  last_action: 'quan tâm đến chúng tôi',
  lead_name: 'Một khách hàng tiềm năng',
  owner_name: 'nhóm kinh doanh',
  reason: 'điểm của khách hàng đã đạt ngưỡng nóng',
};

export const fallbacksFor = (locale: EmailLocale = 'en') => (locale === 'vi' ? VARIABLE_FALLBACKS_VI : VARIABLE_FALLBACKS);

const LAST_ACTION_PHRASES: Readonly<Record<EmailLocale, Readonly<Record<string, string>>>> = {
  en: {
    download_whitepaper: 'downloading our whitepaper',
    visit_pricing: 'looking at our pricing',
    register_webinar: 'registering for our webinar',
    schedule_demo: 'scheduling a demo',
    email_click: 'reading our emails',
    email_open: 'reading our emails',
    form_submit: 'getting in touch',
  },
  // Read after "anh/chị đã …" ("Cảm ơn anh/chị đã tải sách trắng của chúng tôi").
  vi: {
    download_whitepaper: 'tải sách trắng của chúng tôi',
    visit_pricing: 'xem bảng giá của chúng tôi',
    register_webinar: 'đăng ký tham gia webinar của chúng tôi',
    schedule_demo: 'đặt lịch demo',
    email_click: 'đọc email của chúng tôi',
    email_open: 'đọc email của chúng tôi',
    form_submit: 'liên hệ với chúng tôi',
  },
};

/** Turns an event type into a phrase that reads after "Thanks for …" / "You have been …" (or "anh/chị đã …"). */
export function lastActionPhrase(action: string | null | undefined, locale: EmailLocale = 'en'): string | undefined {
  if (!action) return undefined;
  return LAST_ACTION_PHRASES[locale][action] ?? action.replace(/_/g, ' ');
}

const PATTERN = /( ?)\{\{\s*([A-Za-z0-9_.]+)\s*(?:\|([^}]*))?\}\}/g;

export function interpolate(text: string, vars: TemplateVars, locale: EmailLocale = 'en'): string {
  const fallbacks = fallbacksFor(locale);
  return text.replace(PATTERN, (match, space: string, name: string, inlineFallback: string | undefined, offset: number, whole: string) => {
    const raw = vars[name];
    let value: string;
    if (raw !== undefined && raw !== null && String(raw).trim() !== '') value = String(raw);
    else if (inlineFallback !== undefined) value = inlineFallback.trim();
    else value = fallbacks[name] ?? '';
    // An empty value must not leave "anh/chị ," or a double space behind.
    const next = whole.charAt(offset + match.length);
    if (value === '' && space && (next === '' || /[\s,.!?;:)]/.test(next))) return '';
    return space + value;
  });
}

export function interpolateCopy(copy: EmailCopy, vars: TemplateVars, locale: EmailLocale = 'en'): EmailCopy {
  const i = (t: string) => interpolate(t, vars, locale);
  const cta = (c: EmailCopy['cta']) => (c ? { label: i(c.label), url: i(c.url) } : undefined);
  const blocks = copy.blocks
    ? Object.fromEntries(
        Object.entries(copy.blocks).map(([action, block]) => [action, { heading: i(block.heading), paragraphs: block.paragraphs.map(i), cta: cta(block.cta) }]),
      )
    : undefined;
  return {
    subject: i(copy.subject),
    preheader: i(copy.preheader),
    heading: i(copy.heading),
    paragraphs: copy.paragraphs.map(i),
    cta: cta(copy.cta),
    blocks,
  };
}
