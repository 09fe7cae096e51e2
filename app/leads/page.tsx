/** /leads: every lead, searchable; the URL carries the filters (`?stage=hot`, `?source=…&createdFrom=…`), so the dashboard links here. */
import { getTranslations } from 'next-intl/server';
import { LeadsList } from '@/components/leads/leads-list';
import { filtersFromSearchParams, leadFiltersSchema } from '@/server/services/lead-list';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('leads') };
}

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const params = new URLSearchParams(Object.entries(sp).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
  // A bad value in a hand-edited link drops that filter rather than failing the page.
  const parsed = leadFiltersSchema.safeParse(filtersFromSearchParams(params));
  const initial = parsed.success ? parsed.data : leadFiltersSchema.parse({ q: params.get('q') ?? '' });
  return (
    <>
      <h1>{(await getTranslations('leads'))('title')}</h1>
      <LeadsList initial={initial} />
    </>
  );
}
