/** The UI languages Leadflow speaks and how one is chosen: the user's choice, else the org default, else the browser's. */
export const LOCALES = ['en', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** How each language names itself in the switcher, so a person finds theirs whatever the page is in. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', vi: 'Tiếng Việt' };

/** Intl tags for dates and numbers: Vietnamese dates read dd/mm/yyyy, numbers group with dots. */
export const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', vi: 'vi-VN' };

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/** The first supported language in an Accept-Language header, by its q weights (`vi-VN,vi;q=0.9,en;q=0.8` → vi). */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  return ranked.map((r) => r.base).find(isLocale) ?? null;
}

/** User preference → org default → Accept-Language → English. */
export function resolveLocale(input: { user?: unknown; org?: unknown; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.user)) return input.user;
  if (isLocale(input.org)) return input.org;
  return fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
