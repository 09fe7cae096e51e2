import '@xyflow/react/dist/style.css';
import { getTranslations } from 'next-intl/server';
import { VersionView } from '@/components/canvas/version-view';

export async function generateMetadata() {
  return { title: (await getTranslations('journeyEditor'))('metaTitle') };
}

/** One published version, read-only: compare it with another and restore it as the draft. */
export default async function JourneyVersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const { id, version } = await params;
  return <VersionView id={id} version={Number(version)} />;
}
