'use client';
/** The first start's one-time setup: make the first admin, then sign in. */
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { authClient } from '@/lib/auth/client';

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations('setup');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...form }) });
    if (!res.ok) {
      setBusy(false);
      setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? t('failed', { status: res.status }));
      return;
    }
    await authClient.signIn.email({ email: form.email, password: form.password });
    window.location.assign('/dashboard');
  }

  return (
    <form className="card" onSubmit={submit} style={{ maxWidth: 420 }} aria-labelledby="setup-h">
      <h1 id="setup-h">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <label htmlFor="name">{t('name')}</label>
      <input id="name" required value={form.name} onChange={set('name')} style={{ width: '100%' }} />
      <label htmlFor="email">{t('email')}</label>
      <input id="email" type="email" required value={form.email} onChange={set('email')} style={{ width: '100%' }} />
      <label htmlFor="password">{t('password')}</label>
      <input id="password" type="password" minLength={8} required value={form.password} onChange={set('password')} style={{ width: '100%' }} />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit" disabled={busy}>
          {t('submit')}
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
