'use client';
/** Open and click rates per template and per A/B variant, so the better variant is visible at a glance. */
import { useTranslations } from 'next-intl';
import { useFormat } from '@/components/ui/use-format';
import type { Outputs } from './format';

type Emails = Outputs['dashboard']['summary']['emails'];
type Row = Emails['templates'][number] & { variant?: string };

function RateTable({ rows, withVariant, caption, testId }: { rows: Row[]; withVariant: boolean; caption: string; testId: string }) {
  const t = useTranslations('dashboard.email');
  const f = useFormat();
  return (
    <table data-testid={testId}>
      <caption style={{ textAlign: 'left', fontWeight: 600, padding: '8px 0' }}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('template')}</th>
          {withVariant && <th scope="col">{t('variant')}</th>}
          <th scope="col">{t('sent')}</th>
          <th scope="col">{t('opened')}</th>
          <th scope="col">{t('openRate')}</th>
          <th scope="col">{t('clicked')}</th>
          <th scope="col">{t('clickRate')}</th>
          <th scope="col">{t('bounced')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={withVariant ? 8 : 7} className="muted">
              {t('none')}
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={`${r.template}:${r.variant ?? ''}`}>
            <td>{r.template}</td>
            {withVariant && <td>{r.variant}</td>}
            <td>{r.sent}</td>
            <td>{r.opened}</td>
            <td>{f.pct(r.openRate)}</td>
            <td>{r.clicked}</td>
            <td>{f.pct(r.clickRate)}</td>
            <td>{r.bounced}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EmailPerformance({ emails }: { emails: Emails }) {
  const t = useTranslations('dashboard.email');
  return (
    <section className="card" aria-labelledby="emails-h">
      <h2 id="emails-h">{t('title')}</h2>
      <RateTable rows={emails.templates} withVariant={false} caption={t('perTemplate')} testId="email-templates" />
      <RateTable rows={emails.variants} withVariant caption={t('perVariant')} testId="email-variants" />
    </section>
  );
}
