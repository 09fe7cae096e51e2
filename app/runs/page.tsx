/** /runs (admins and ops): journey runs that failed, with Retry and Cancel, and the outbox's dead letters. */
import { getTranslations } from 'next-intl/server';
import { DeadLetters } from '@/components/runs/dead-letters';
import { FailedRuns } from '@/components/runs/failed-runs';

export async function generateMetadata() {
  return { title: (await getTranslations('runs'))('meta') };
}

export default async function Page() {
  return (
    <>
      <h1>{(await getTranslations('runs'))('title')}</h1>
      <FailedRuns />
      <DeadLetters />
    </>
  );
}
