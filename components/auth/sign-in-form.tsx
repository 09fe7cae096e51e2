'use client';
/** Sign in with a password, or have a one-time link mailed; "forgot password" mails a reset link. */
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { authClient } from '@/lib/auth/client';

/** Only same-site paths, so ?next= can never send someone elsewhere after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}

export function SignInForm({ next }: { next: string | null }) {
  const t = useTranslations('signIn');
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
    if (error) setError(error.status === 429 ? t('tooMany') : (error.message ?? t('failed')));
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
    if (!email) return setError(t('typeEmail'));
    void run(
      () => authClient.signIn.magicLink({ email, callbackURL: safeNext(next) }),
      () => setNotice(t('linkSent', { email })),
    );
  }

  function forgot() {
    if (!email) return setError(t('typeEmail'));
    void run(
      () => authClient.requestPasswordReset({ email, redirectTo: '/reset-password' }),
      () => setNotice(t('resetSent', { email })),
    );
  }

  return (
    <form className="card" onSubmit={signIn} aria-labelledby="sign-in-h" style={{ maxWidth: 420 }}>
      <h1 id="sign-in-h">{t('title')}</h1>
      <label htmlFor="email">{t('email')}</label>
      <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} style={{ width: '100%' }} />
      <label htmlFor="password">{t('password')}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: '100%' }} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit" disabled={busy || !password}>
          {t('submit')}
        </button>
        <button type="button" onClick={mailLink} disabled={busy}>
          {t('mailLink')}
        </button>
        <button type="button" className="link" onClick={forgot} disabled={busy}>
          {t('forgot')}
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
