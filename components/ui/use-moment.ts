'use client';
/** Moments in the reader's language: "hôm nay 09:15", "09:15 Th 4" for a real clock, "ngày 2, 09:15" for the simulator's. */
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { INTL_TAGS } from '@/lib/i18n/locales';
import { momentParts, virtualParts } from '@/lib/text/moment';

export function useMoment() {
  const locale = useLocale();
  const t = useTranslations('lead.moment');
  return useMemo(() => {
    const tag = INTL_TAGS[locale] ?? 'en-GB';
    const moment = (at: Date | string, now: Date) => {
      const p = momentParts(at, now, undefined, tag);
      return p.rel === 'unknown' ? t('unknown') : p.rel === 'day' ? t('day', { day: p.day, time: p.time }) : t(p.rel, { time: p.time });
    };
    const virtual = (offsetMs: number) => {
      const { day, time } = virtualParts(offsetMs);
      return t('virtual', { day: String(day), time });
    };
    return { moment, virtual };
  }, [locale, t]);
}
