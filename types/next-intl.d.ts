/** Typed message keys: `t('nav.leads')` with a key missing from messages/en.json fails the typecheck. */
import type en from '@/messages/en.json';
import type { Locale } from '@/lib/i18n/locales';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
