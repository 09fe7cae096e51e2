/** /leads/:id — one lead; `?acknowledged=<handoffId>` (where the notification's ack link lands) shows a confirmation. */
import { getTranslations } from 'next-intl/server';
import { LeadView } from '@/components/leads/lead-view';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('lead') };
}

export default async function LeadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const acknowledged = typeof sp.acknowledged === 'string' ? sp.acknowledged : undefined;
  return <LeadView key={id} id={id} acknowledged={acknowledged} />;
}
