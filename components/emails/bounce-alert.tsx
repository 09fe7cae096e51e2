'use client';
/** The bounce-rate alert: loud when more than 5 % of recent mail bounced (an expired key or a blocked domain), silent otherwise. */
import { useTranslations } from 'next-intl';
import { useFormat } from '@/components/ui/use-format';

export function BounceAlert({ bounce }: { bounce: { sent: number; bounced: number; rate: number; alert: boolean; sinceDays?: number } }) {
  const t = useTranslations('dashboard');
  const f = useFormat();
  if (!bounce.alert) return null;
  return (
    <div className="alert" role="alert" data-testid="bounce-alert">
      {t('bounce', { rate: f.pct(bounce.rate), bounced: bounce.bounced, sent: bounce.sent, days: bounce.sinceDays ?? 7 })}
    </div>
  );
}
