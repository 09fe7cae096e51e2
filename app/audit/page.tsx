/** /audit (admins and ops): the audit trail. */
import { getTranslations } from 'next-intl/server';
import { AuditPage } from '@/components/audit/audit-page';

export async function generateMetadata() {
  return { title: (await getTranslations('audit'))('meta') };
}

export default async function Page() {
  return (
    <>
      <h1>{(await getTranslations('audit'))('title')}</h1>
      <AuditPage />
    </>
  );
}
