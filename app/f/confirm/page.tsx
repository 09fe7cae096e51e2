/** /f/confirm?token=: the double opt-in landing page; a button (not the link itself) confirms, so mail scanners that open links confirm nothing. */
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { loadDefaultEmailLocale } from '@/db/email-copy';
import { confirmationLocale } from '@/server/services/form-submit';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The language of the email that brought the reader here, not of whoever's browser opens it. */
async function pageLocale(token: unknown) {
  const db = getDb();
  return typeof token === 'string' ? confirmationLocale(db, token) : loadDefaultEmailLocale(db);
}

export async function generateMetadata({ searchParams }: Props) {
  const locale = await pageLocale((await searchParams).token);
  return { title: (await getTranslations({ locale, namespace: 'publicForm' }))('confirmTitle') };
}

export default async function ConfirmPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const locale = await pageLocale(token);
  const t = await getTranslations({ locale, namespace: 'publicForm' });
  const copy = { oneClick: t('oneClick'), confirm: t('confirm'), confirmed: t('confirmed'), failed: t('failed') };
  return (
    <div className="card" lang={locale} style={{ maxWidth: 560, margin: '24px auto' }}>
      <h1>{t('confirmTitle')}</h1>
      {typeof token === 'string' ? <ConfirmButton token={token} copy={copy} /> : <p className="alert">{t('incomplete')}</p>}
    </div>
  );
}
