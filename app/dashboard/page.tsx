/** /dashboard: how the funnel is doing (SPEC "Measure and optimise"). */
import { Dashboard } from '@/components/dashboard/dashboard';

export const metadata = { title: 'Dashboard · Leadflow' };

export default function DashboardPage() {
  return (
    <>
      <h1>Dashboard</h1>
      <Dashboard />
    </>
  );
}
