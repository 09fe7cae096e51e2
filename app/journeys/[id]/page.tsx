import '@xyflow/react/dist/style.css';
import { JourneyEditor } from '@/components/canvas/journey-editor';

/** The journey editor; everything interactive lives in the client canvas. */
export default async function JourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JourneyEditor id={id} />;
}
