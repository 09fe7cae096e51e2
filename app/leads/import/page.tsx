/** /leads/import: upload a CSV, map its columns, dry-run and import it in the background; `?id=` reopens an import. */
import { ImportView } from '@/components/imports/import-view';
import { UploadForm } from '@/components/imports/upload-form';

export const metadata = { title: 'Import leads · Leadflow' };

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await searchParams;
  return (
    <>
      <h1>Import leads from CSV</h1>
      {typeof id === 'string' ? <ImportView key={id} id={id} /> : <UploadForm />}
    </>
  );
}
