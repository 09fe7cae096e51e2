'use client';
/** Choose a new password from a mailed reset link. */
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { authClient } from '@/lib/auth/client';

export function ResetForm({ token }: { token: string }) {
  const t = useTranslations('reset');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { error } = await authClient.resetPassword({ newPassword: password, token });
    if (error) setError(error.message ?? t('failed'));
    else setDone(true);
  }

  if (done)
    return (
      <p role="status">
        {t.rich('done', { link: (chunks) => <a href="/sign-in">{chunks}</a> })}
      </p>
    );
  return (
    <form className="card" onSubmit={submit} style={{ maxWidth: 420 }} aria-labelledby="reset-h">
      <h1 id="reset-h">{t('title')}</h1>
      <label htmlFor="new-password">{t('newPassword')}</label>
      <input id="new-password" type="password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: '100%' }} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit">{t('submit')}</button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
