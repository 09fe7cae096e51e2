/** /team (admins): people, roles, invitations and API keys. */
import { TeamPage } from '@/components/team/team-page';

export const metadata = { title: 'Team · Leadflow' };

export default function Page() {
  return (
    <>
      <h1>Team</h1>
      <TeamPage />
    </>
  );
}
