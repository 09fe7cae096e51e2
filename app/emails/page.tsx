/** /emails: the outbox, message views and template previews; `?message=<id>` opens one message. */
import { getTranslations } from 'next-intl/server';
import { EmailsPage } from '@/components/emails/emails-page';
import { isUuid } from '@/lib/ids';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('emails') };
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { message } = await searchParams;
  return (
    <>
      <h1>{(await getTranslations('emails'))('title')}</h1>
      <EmailsPage initialMessage={typeof message === 'string' && isUuid(message) ? message : undefined} />
    </>
  );
}
