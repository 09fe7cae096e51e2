/** /forms/<id> (or /forms/new): build a capture form, then copy its hosted link or embed snippet. */
import { FormEditorPage } from '@/components/forms/form-editor';

export const metadata = { title: 'Form · Leadflow' };

export default async function FormPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FormEditorPage id={id === 'new' ? null : id} />;
}
