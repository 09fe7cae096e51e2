'use client';
/** Locale-aware numbers, percentages, durations and dates for translated pages: "28.0 %" and "12 min" in English, "28,0%" and "12 phút" in Vietnamese. */
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { INTL_TAGS } from '@/lib/i18n/locales';

export type Format = ReturnType<typeof useFormat>;

export function useFormat() {
  const locale = useLocale();
  const t = useTranslations('units');
  return useMemo(() => {
    const tag = INTL_TAGS[locale];
    const fixed = (v: number, digits: number) => new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
    const number = (v: number | null | undefined) => (v === null || v === undefined ? '—' : new Intl.NumberFormat(tag).format(v));
    const pct = (rate: number | null | undefined, digits = 1) => (rate === null || rate === undefined ? '—' : t('percent', { value: fixed(rate * 100, digits) }));
    const minutes = (m: number | null | undefined, digits = 1) => (m === null || m === undefined ? '—' : t('minutes', { value: fixed(m, digits) }));
    const duration = (ms: number | null | undefined) => {
      if (ms === null || ms === undefined) return '—';
      const s = Math.round(ms / 1000);
      if (s < 60) return t('seconds', { value: String(s) });
      const m = Math.round(s / 60);
      if (m < 120) return t('minutes', { value: String(m) });
      const h = m / 60;
      return h < 48 ? t('hours', { value: fixed(h, 1) }) : t('days', { value: fixed(h / 24, 1) });
    };
    const dateTime = (d: Date | string | null | undefined) => (d ? new Date(d).toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'medium' }) : '—');
    const date = (d: Date | string | null | undefined) => (d ? new Date(d).toLocaleDateString(tag) : '—');
    const time = (d: Date | string | null | undefined) => (d ? new Date(d).toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' }) : '—');
    /** yyyy-mm-dd (a chart's day) as the locale writes a short date. */
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(tag, { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
    return { locale, number, pct, minutes, duration, dateTime, date, time, day };
  }, [locale, t]);
}
