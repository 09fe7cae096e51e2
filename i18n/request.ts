/** next-intl's per-request config: no locale in the URL, the language comes from the user, the org, then the browser. */
import { headers } from 'next/headers';
import type { AbstractIntlMessages } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { getDb } from '@/db/client';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { log } from '@/lib/log';
import { localeForRequest } from '@/server/services/locale';

// The server's zone, as the pages showed before; pinned so server and browser render the same times.
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export default getRequestConfig(async () => {
  // headers() first and outside the fallback: during the build it is what tells Next the page is dynamic.
  const requestHeaders = await headers();
  let locale: Locale = DEFAULT_LOCALE;
  try {
    locale = await localeForRequest(getDb(), requestHeaders);
  } catch (err) {
    log('i18n').warn({ err }, 'could not read the UI language; rendering in English');
  }
  const messages = ((await import(`../messages/${locale}.json`)) as { default: AbstractIntlMessages }).default;
  return { locale, timeZone: TIME_ZONE, messages };
});
