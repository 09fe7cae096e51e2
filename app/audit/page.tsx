/** /audit (admins and ops): the audit trail. */
import { AuditPage } from '@/components/audit/audit-page';

export const metadata = { title: 'Audit · Leadflow' };

export default function Page() {
  return (
    <>
      <h1>Audit</h1>
      <AuditPage />
    </>
  );
}
