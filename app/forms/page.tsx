/** /forms: the capture forms, their submissions, and a way to build a new one. */
import { getTranslations } from 'next-intl/server';
import { FormsList } from '@/components/forms/forms-list';

export async function generateMetadata() {
  return { title: (await getTranslations('forms'))('meta') };
}

export default async function FormsPage() {
  return (
    <>
      <h1>{(await getTranslations('forms'))('title')}</h1>
      <FormsList />
    </>
  );
}
