import { JourneyList } from '@/components/canvas/journey-list';

/** Journeys: the list and the ways to start a new one. */
export default function JourneysPage() {
  return <JourneyList />;
}
