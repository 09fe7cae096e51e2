/** /runs (admins and ops): journey runs that failed, with Retry and Cancel, and the outbox's dead letters. */
import { DeadLetters } from '@/components/runs/dead-letters';
import { FailedRuns } from '@/components/runs/failed-runs';

export const metadata = { title: 'Runs · Leadflow' };

export default function Page() {
  return (
    <>
      <h1>Runs</h1>
      <FailedRuns />
      <DeadLetters />
    </>
  );
}
