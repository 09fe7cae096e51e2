/** /blasts (marketers and admins; ops read): send one email to an audience now, watch it go out, cancel it. */
import { getTranslations } from 'next-intl/server';
import { BlastsPage } from '@/components/blasts/blasts-page';

export async function generateMetadata() {
  return { title: (await getTranslations('blasts'))('meta') };
}

export default async function Page() {
  const t = await getTranslations('blasts');
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <BlastsPage />
    </>
  );
}
