/** Reads what one send needs to pick its copy: stored copy per language, created templates' layouts, the org's default language. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { customEmailTemplates, emailTemplates, settings } from './schema';
import { DEFAULT_EMAIL_LOCALE, EMAIL_LOCALE_SETTING, isEmailLocale, type EmailLocale } from '@/lib/email/locales';
import { isTemplateKey, type TemplateKey } from '@/lib/email/templates';

type Conn = Pick<Db, 'select'>;
export type StoredCopies = Partial<Record<EmailLocale, Record<string, unknown>>>;

/** Every language's stored copy for one key. */
export async function loadCopies(db: Conn, key: string): Promise<StoredCopies> {
  const rows = await db.select({ locale: emailTemplates.locale, copy: emailTemplates.copy }).from(emailTemplates).where(eq(emailTemplates.key, key));
  const out: StoredCopies = {};
  for (const r of rows) if (isEmailLocale(r.locale)) out[r.locale] = r.copy;
  return out;
}

/** key → layout for the created templates among `keys` (archived ones included: a run already on them still sends). */
export async function loadCustomLayouts(db: Conn, keys: (string | undefined | null)[]): Promise<Record<string, TemplateKey>> {
  const wanted = [...new Set(keys.filter((k): k is string => !!k && !isTemplateKey(k)))];
  if (wanted.length === 0) return {};
  const rows = await db.select({ key: customEmailTemplates.key, layout: customEmailTemplates.layout }).from(customEmailTemplates).where(inArray(customEmailTemplates.key, wanted));
  return Object.fromEntries(rows.filter((r) => isTemplateKey(r.layout)).map((r) => [r.key, r.layout as TemplateKey]));
}

/** Keys of the created templates a journey may pick (not archived). */
export async function activeCustomKeys(db: Conn): Promise<string[]> {
  const rows = await db.select({ key: customEmailTemplates.key }).from(customEmailTemplates).where(and(isNull(customEmailTemplates.archivedAt)));
  return rows.map((r) => r.key);
}

/** The org's default email language (Settings); English until one is chosen. */
export async function loadDefaultEmailLocale(db: Conn): Promise<EmailLocale> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, EMAIL_LOCALE_SETTING));
  return isEmailLocale(row?.value) ? row.value : DEFAULT_EMAIL_LOCALE;
}
