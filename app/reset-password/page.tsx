/** /reset-password?token=…: better-auth sends the mailed reset link here. */
import { ResetForm } from '@/components/auth/reset-form';

export const metadata = { title: 'Reset password · Leadflow' };

export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string; error?: string }> }) {
  const { token, error } = await searchParams;
  if (!token || error) return <p className="alert">This reset link is invalid or expired. Ask for a new one from the sign-in page.</p>;
  return <ResetForm token={token} />;
}
