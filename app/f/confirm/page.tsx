/** /f/confirm?token=: the double opt-in landing page; a button (not the link itself) confirms, so mail scanners that open links confirm nothing. */
import { ConfirmButton } from '@/components/forms/confirm-button';

export const metadata = { title: 'Confirm your email' };

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  return (
    <div className="card" style={{ maxWidth: 560, margin: '24px auto' }}>
      <h1>Confirm your email</h1>
      {typeof token === 'string' ? <ConfirmButton token={token} /> : <p className="alert">This link is incomplete: open the whole link from the email.</p>}
    </div>
  );
}
