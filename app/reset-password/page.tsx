/** /reset-password?token=…: better-auth sends the mailed reset link here. */
import { getTranslations } from 'next-intl/server';
import { ResetForm } from '@/components/auth/reset-form';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('resetPassword') };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string; error?: string }> }) {
  const { token, error } = await searchParams;
  if (!token || error) return <p className="alert">{(await getTranslations('reset'))('badLink')}</p>;
  return <ResetForm token={token} />;
}
