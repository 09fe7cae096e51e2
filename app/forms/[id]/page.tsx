/** /forms/<id> (or /forms/new): build a capture form, then copy its hosted link or embed snippet. */
import { getTranslations } from 'next-intl/server';
import { FormEditorPage } from '@/components/forms/form-editor';

export async function generateMetadata() {
  return { title: (await getTranslations('forms'))('editorMeta') };
}

export default async function FormPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FormEditorPage id={id === 'new' ? null : id} />;
}
