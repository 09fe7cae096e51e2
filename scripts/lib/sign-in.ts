/** Signs a Playwright page's browser context in through better-auth, for scripts that drive the app (bench, e2e setup). */
import type { APIRequestContext } from 'playwright-core';

export interface Credentials {
  email: string;
  password: string;
}

/** The session cookie lands in the context that owns `request`, so pages opened from it are signed in. */
export async function signInRequest(request: APIRequestContext, appUrl: string, creds: Credentials): Promise<void> {
  const origin = new URL(appUrl).origin;
  const res = await request.post(`${origin}/api/auth/sign-in/email`, { data: creds, headers: { origin } });
  if (!res.ok()) throw new Error(`sign-in as ${creds.email} failed: ${res.status()} ${await res.text()}`);
}
