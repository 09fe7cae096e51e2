/** The languages Leadflow mails leads in, and how one send picks its language: the lead's own, else the org default. */
export const EMAIL_LOCALES = ['en', 'vi'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];
export const DEFAULT_EMAIL_LOCALE: EmailLocale = 'en';

/** How each language names itself, so a marketer finds theirs whatever the page is in. */
export const EMAIL_LOCALE_NAMES: Record<EmailLocale, string> = { en: 'English', vi: 'Tiếng Việt' };

/** The settings row holding the org's default email language. */
export const EMAIL_LOCALE_SETTING = 'email_default_locale';

export const isEmailLocale = (v: unknown): v is EmailLocale => typeof v === 'string' && (EMAIL_LOCALES as readonly string[]).includes(v);

export const otherLocale = (l: EmailLocale): EmailLocale => (l === 'en' ? 'vi' : 'en');

const NAMES: Record<string, EmailLocale> = { english: 'en', vietnamese: 'vi', 'tiếng việt': 'vi', 'tieng viet': 'vi' };

/** 'vi', 'vi-VN', 'VI_vn', 'Vietnamese', 'Tiếng Việt' → 'vi'; anything Leadflow does not mail in → null. */
export function normalizeLanguage(raw: string): EmailLocale | null {
  const v = raw.normalize('NFC').trim().toLowerCase();
  if (NAMES[v]) return NAMES[v];
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/.exec(v);
  return m && isEmailLocale(m[1]) ? m[1] : null;
}

/** The lead's own language when it has a supported one, else the org default, else English. */
export function chooseLocale(leadLocale: string | null | undefined, orgDefault: unknown): EmailLocale {
  if (isEmailLocale(leadLocale)) return leadLocale;
  return isEmailLocale(orgDefault) ? orgDefault : DEFAULT_EMAIL_LOCALE;
}
