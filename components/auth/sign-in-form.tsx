'use client';
/** Sign in with a password, or have a one-time link mailed; "forgot password" mails a reset link. */
import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/client';

/** Only same-site paths, so ?next= can never send someone elsewhere after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}

export function SignInForm({ next }: { next: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(fn: () => Promise<{ error: { message?: string; status?: number } | null }>, done: () => void) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const { error } = await fn();
    setBusy(false);
    if (error) setError(error.status === 429 ? 'Too many attempts: wait a few minutes and try again.' : (error.message ?? 'Sign-in failed'));
    else done();
  }

  function signIn(e: FormEvent) {
    e.preventDefault();
    void run(
      () => authClient.signIn.email({ email, password }),
      () => window.location.assign(safeNext(next)),
    );
  }

  function mailLink() {
    if (!email) return setError('Type your email address first.');
    void run(
      () => authClient.signIn.magicLink({ email, callbackURL: safeNext(next) }),
      () => setNotice(`If ${email} has an account, a sign-in link is on its way. It works once and expires in 10 minutes.`),
    );
  }

  function forgot() {
    if (!email) return setError('Type your email address first.');
    void run(
      () => authClient.requestPasswordReset({ email, redirectTo: '/reset-password' }),
      () => setNotice(`If ${email} has an account, a password reset link is on its way.`),
    );
  }

  return (
    <form className="card" onSubmit={signIn} aria-labelledby="sign-in-h" style={{ maxWidth: 420 }}>
      <h1 id="sign-in-h">Sign in to Leadflow</h1>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} style={{ width: '100%' }} />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: '100%' }} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit" disabled={busy || !password}>
          Sign in
        </button>
        <button type="button" onClick={mailLink} disabled={busy}>
          Email me a sign-in link
        </button>
        <button type="button" className="link" onClick={forgot} disabled={busy}>
          Forgot password?
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
    </form>
  );
}
