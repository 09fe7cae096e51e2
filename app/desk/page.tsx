/** /desk: a sales rep's hand-offs, follow-ups and hot leads; admins and ops can open any rep's desk. */
import { getTranslations } from 'next-intl/server';
import { DeskPage } from '@/components/desk/desk-page';

export async function generateMetadata() {
  return { title: (await getTranslations('desk'))('metaTitle') };
}

export default function Page() {
  return <DeskPage />;
}
