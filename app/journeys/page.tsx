import { getTranslations } from 'next-intl/server';
import { JourneyList } from '@/components/canvas/journey-list';

export async function generateMetadata() {
  return { title: (await getTranslations('journeys'))('metaTitle') };
}

/** Journeys: the list and the ways to start a new one. */
export default function JourneysPage() {
  return <JourneyList />;
}
