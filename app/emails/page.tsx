/** /emails: the outbox, message views and template previews; `?message=<id>` opens one message. */
import { EmailsPage } from '@/components/emails/emails-page';
import { isUuid } from '@/lib/ids';


export const metadata = { title: 'Emails · Leadflow' };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { message } = await searchParams;
  return (
    <>
      <h1>Emails</h1>
      <EmailsPage initialMessage={typeof message === 'string' && isUuid(message) ? message : undefined} />
    </>
  );
}
