/** /f/<id>: the hosted form page, open to anyone without signing in. */
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { HostedForm } from '@/components/forms/hosted-form';
import { livePublicForm } from '@/server/services/forms';

export const dynamic = 'force-dynamic';

export default async function HostedFormPage({ params }: { params: Promise<{ id: string }> }) {
  const form = await livePublicForm(getDb(), (await params).id);
  if (!form) notFound();
  return (
    <div className="card" style={{ maxWidth: 560, margin: '24px auto' }}>
      <HostedForm form={form} endpoint={`/api/forms/${form.id}/submit`} />
    </div>
  );
}
