/** /f/<id>: the hosted form page, open to anyone without signing in; it speaks the form's language. */
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { HostedForm } from '@/components/forms/hosted-form';
import { livePublicForm } from '@/server/services/forms';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const form = await livePublicForm(getDb(), (await params).id);
  return { title: form ? form.title || form.name : 'Leadflow' };
}

export default async function HostedFormPage({ params }: Props) {
  const form = await livePublicForm(getDb(), (await params).id);
  if (!form) notFound();
  return (
    <div className="card" lang={form.language} style={{ maxWidth: 560, margin: '24px auto' }}>
      <HostedForm form={form} endpoint={`/api/forms/${form.id}/submit`} />
    </div>
  );
}
