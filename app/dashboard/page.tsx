/** /dashboard: how the funnel is doing (SPEC "Measure and optimise"); `?from=&to=` sets the charts' date range. */
import { getTranslations } from 'next-intl/server';
import { Dashboard } from '@/components/dashboard/dashboard';
import { Trends } from '@/components/dashboard/trends';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('dashboard') };
}

const day = (v: string | string[] | undefined) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  return (
    <>
      <h1>{(await getTranslations('dashboard'))('title')}</h1>
      <Dashboard />
      <Trends initialFrom={day(sp.from)} initialTo={day(sp.to)} />
    </>
  );
}
