/** /sign-in: where every signed-out visitor lands. */
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('signIn') };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  const t = await getTranslations('signIn');
  return (
    <>
      {error && (
        <p className="alert" role="alert">
          {t('badLink', { error })}
        </p>
      )}
      <SignInForm next={next ?? null} />
    </>
  );
}
