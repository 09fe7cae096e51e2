'use client';
/** Accept an invitation: name and password, then straight in. */
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { authClient } from '@/lib/auth/client';

const isRole = (r: string): r is 'admin' | 'marketer' | 'sales' | 'ops' => ['admin', 'marketer', 'sales', 'ops'].includes(r);

export function InviteForm({ token, email, role }: { token: string; email: string; role: string }) {
  const t = useTranslations('invite');
  const tr = useTranslations('roles');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await fetch('/api/invite', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name, password }) });
    if (!res.ok) return setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? t('failed', { status: res.status }));
    await authClient.signIn.email({ email, password });
    window.location.assign(role === 'sales' ? '/desk' : '/dashboard');
  }

  return (
    <form className="card" onSubmit={submit} style={{ maxWidth: 420 }} aria-labelledby="invite-h">
      <h1 id="invite-h">{t('title')}</h1>
      <p>{t.rich('invited', { role: isRole(role) ? tr(role) : role, email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <label htmlFor="invite-name">{t('name')}</label>
      <input id="invite-name" required value={name} onChange={(e) => setName(e.target.value)} style={{ width: '100%' }} />
      <label htmlFor="invite-password">{t('password')}</label>
      <input id="invite-password" type="password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: '100%' }} />
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
