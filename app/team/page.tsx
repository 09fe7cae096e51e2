/** /team (admins): people, roles, invitations and API keys. */
import { getTranslations } from 'next-intl/server';
import { TeamPage } from '@/components/team/team-page';

export async function generateMetadata() {
  return { title: (await getTranslations('team'))('meta') };
}

export default async function Page() {
  return (
    <>
      <h1>{(await getTranslations('team'))('title')}</h1>
      <TeamPage />
    </>
  );
}
