/** /leads/import: upload a CSV, map its columns, dry-run and import it in the background; `?id=` reopens an import. */
import { getTranslations } from 'next-intl/server';
import { ImportView } from '@/components/imports/import-view';
import { UploadForm } from '@/components/imports/upload-form';

export async function generateMetadata() {
  return { title: (await getTranslations('imports'))('meta') };
}

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await searchParams;
  return (
    <>
      <h1>{(await getTranslations('imports'))('title')}</h1>
      {typeof id === 'string' ? <ImportView key={id} id={id} /> : <UploadForm />}
    </>
  );
}
