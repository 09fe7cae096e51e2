/** /setup?token=…: the one-time link the first start prints when no admin exists. */
import { SetupForm } from '@/components/auth/setup-form';

export const metadata = { title: 'Set up · Leadflow' };

export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  if (!token) return <p className="alert">This page needs the setup link that `npm start` printed.</p>;
  return <SetupForm token={token} />;
}
