/** /sign-in: where every signed-out visitor lands. */
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata = { title: 'Sign in · Leadflow' };

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  return (
    <>
      {error && (
        <p className="alert" role="alert">
          That sign-in link is invalid or expired ({error}). Ask for a new one below.
        </p>
      )}
      <SignInForm next={next ?? null} />
    </>
  );
}
