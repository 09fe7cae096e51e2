/** /leads: every lead, searchable; `?stage=hot` preselects a stage (the dashboard links here). */
import { LeadsList } from '@/components/leads/leads-list';

export const metadata = { title: 'Leads · Leadflow' };

const STAGES = ['cold', 'warm', 'engaged', 'hot'] as const;
type Stage = (typeof STAGES)[number];

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { stage } = await searchParams;
  const initialStage = STAGES.find((s): s is Stage => s === stage);
  return (
    <>
      <h1>Leads</h1>
      <LeadsList initialStage={initialStage} />
    </>
  );
}
