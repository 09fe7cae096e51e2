'use client';
/** Accept an invitation: name and password, then straight in. */
import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/client';

export function InviteForm({ token, email, role }: { token: string; email: string; role: string }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await fetch('/api/invite', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name, password }) });
    if (!res.ok) return setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `could not accept (${res.status})`);
    await authClient.signIn.email({ email, password });
    window.location.assign(role === 'sales' ? '/desk' : '/dashboard');
  }

  return (
    <form className="card" onSubmit={submit} style={{ maxWidth: 420 }} aria-labelledby="invite-h">
      <h1 id="invite-h">Join Leadflow</h1>
      <p>
        You are invited as <strong>{role}</strong> with <strong>{email}</strong>.
      </p>
      <label htmlFor="invite-name">Your name</label>
      <input id="invite-name" required value={name} onChange={(e) => setName(e.target.value)} style={{ width: '100%' }} />
      <label htmlFor="invite-password">Password (at least 8 characters)</label>
      <input id="invite-password" type="password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: '100%' }} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit">Create my account</button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
