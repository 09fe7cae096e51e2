'use client';
/** Confirms a double opt-in token and then shows the form's thank-you (or follows its redirect). */
import { useState } from 'react';

type Thanks = { kind: 'message'; message: string } | { kind: 'redirect'; url: string };
/** The page's words, in the language of the email that led here (chosen by the server page). */
export interface ConfirmCopy {
  oneClick: string;
  confirm: string;
  confirmed: string;
  failed: string;
}

export function ConfirmButton({ token, copy }: { token: string; copy: ConfirmCopy }) {
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'done'; message: string } | { kind: 'error'; message: string }>({ kind: 'idle' });
  async function confirm() {
    setState({ kind: 'busy' });
    const res = await fetch('/api/forms/confirm', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { thank_you?: Thanks; error?: string } | null;
    if (!res?.ok || !body?.thank_you) return setState({ kind: 'error', message: body?.error ?? copy.failed });
    if (body.thank_you.kind === 'redirect') return window.location.assign(body.thank_you.url);
    setState({ kind: 'done', message: body.thank_you.message });
  }
  if (state.kind === 'done')
    return (
      <div role="status" data-testid="confirmed">
        <p>{copy.confirmed}</p>
        <p>{state.message}</p>
      </div>
    );
  return (
    <>
      <p>{copy.oneClick}</p>
      <button type="button" data-testid="confirm-email" disabled={state.kind === 'busy'} onClick={() => void confirm()}>
        {copy.confirm}
      </button>
      {state.kind === 'error' && <p className="alert" role="alert">{state.message}</p>}
    </>
  );
}
