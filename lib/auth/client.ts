'use client';
/** The browser's better-auth client: password and magic-link sign-in, sign-out, password reset. */
import { createAuthClient } from 'better-auth/react';
import { magicLinkClient } from 'better-auth/client/plugins';

export const authClient = createAuthClient({ plugins: [magicLinkClient()] });
