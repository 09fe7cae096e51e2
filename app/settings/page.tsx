/** /settings: scoring rules (with warnings and change log), stage thresholds, languages and sales owners. */
import { getTranslations } from 'next-intl/server';
import { SettingsPage } from '@/components/settings/settings-page';

export async function generateMetadata() {
  return { title: (await getTranslations('settings'))('metaTitle') };
}

export default async function Page() {
  return (
    <>
      <h1>{(await getTranslations('settings'))('title')}</h1>
      <SettingsPage />
    </>
  );
}
