/** /setup?token=…: the one-time link the first start prints when no admin exists. */
import { getTranslations } from 'next-intl/server';
import { SetupForm } from '@/components/auth/setup-form';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('setup') };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  if (!token) return <p className="alert">{(await getTranslations('setup'))('needsLink')}</p>;
  return <SetupForm token={token} />;
}
