'use client';
/** The forms list: name, submissions, double opt-in, and links to each form's leads and editor. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useFormat } from '@/components/ui/use-format';
import { formSource } from '@/lib/forms/definition';
import { useTRPC } from '@/lib/trpc/client';

export function FormsList() {
  const t = useTranslations('forms.list');
  const { dateTime, number } = useFormat();
  const trpc = useTRPC();
  const list = useQuery(trpc.forms.list.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const mayEdit = (me.data?.allowed ?? []).includes('forms.save');
  return (
    <div className="card">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <p className="muted">{t('intro', { source: 'form:<name>' })}</p>
        {mayEdit && (
          <Link href="/forms/new" className="button" data-testid="new-form">
            {t('new')}
          </Link>
        )}
      </div>
      {list.data?.length === 0 && <p>{t('empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table data-testid="forms-table">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('submissions')}</th>
              <th>{t('lastSubmission')}</th>
              <th>{t('doubleOptIn')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((f) => (
              <tr key={f.id}>
                <td>
                  <Link href={`/forms/${f.id}`}>{f.name}</Link>
                </td>
                <td>{number(f.submissions)}</td>
                <td>{dateTime(f.lastSubmissionAt)}</td>
                <td>{f.doubleOptIn ? t('on') : t('off')}</td>
                <td>
                  <Link href={`/leads?source=${encodeURIComponent(formSource(f.name))}`}>{t('leads')}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
