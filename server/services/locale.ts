/** The UI language of a request and the settings behind it: the signed-in user's choice and the org default. */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { settings, users } from '@/db/schema';
import { isLocale, resolveLocale, type Locale } from '@/lib/i18n/locales';
import { sessionUser } from '@/server/trpc';

const ORG_KEY = 'default_locale';

/** The org default, or null when the org leaves it to each browser. */
export async function loadOrgLocale(db: Db): Promise<Locale | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, ORG_KEY));
  return isLocale(row?.value) ? row.value : null;
}

export async function saveOrgLocale(db: Db, locale: Locale | null): Promise<{ locale: Locale | null }> {
  if (locale === null) await db.delete(settings).where(eq(settings.key, ORG_KEY));
  else await db.insert(settings).values({ key: ORG_KEY, value: locale }).onConflictDoUpdate({ target: settings.key, set: { value: locale, updatedAt: new Date() } });
  return { locale };
}

/** null clears the choice, so the person follows the org default again. */
export async function saveUserLocale(db: Db, userId: string, locale: Locale | null): Promise<{ locale: Locale | null }> {
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
  return { locale };
}

/** The language to render this request in; signed-out pages (sign-in) skip straight to the org default and the browser. */
export async function localeForRequest(db: Db, headers: Headers): Promise<Locale> {
  const [user, org] = await Promise.all([sessionUser(db, headers).catch(() => null), loadOrgLocale(db)]);
  return resolveLocale({ user: user?.locale, org, acceptLanguage: headers.get('accept-language') });
}
