'use client';
/** Choose a new password from a mailed reset link. */
import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/client';

export function ResetForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { error } = await authClient.resetPassword({ newPassword: password, token });
    if (error) setError(error.message ?? 'reset failed');
    else setDone(true);
  }

  if (done)
    return (
      <p role="status">
        Password changed. <a href="/sign-in">Sign in</a> with it.
      </p>
    );
  return (
    <form className="card" onSubmit={submit} style={{ maxWidth: 420 }} aria-labelledby="reset-h">
      <h1 id="reset-h">Choose a new password</h1>
      <label htmlFor="new-password">New password (at least 8 characters)</label>
      <input id="new-password" type="password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: '100%' }} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit">Save password</button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
