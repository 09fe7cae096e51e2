import '@xyflow/react/dist/style.css';
import { getTranslations } from 'next-intl/server';
import { JourneyEditor } from '@/components/canvas/journey-editor';

export async function generateMetadata() {
  return { title: (await getTranslations('journeyEditor'))('metaTitle') };
}

/** The journey editor; everything interactive lives in the client canvas. */
export default async function JourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JourneyEditor id={id} />;
}
