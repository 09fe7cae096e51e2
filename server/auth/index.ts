/** better-auth on Leadflow's Postgres: email + password, magic links, password reset, roles (admin plugin), rate limits. */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { admin, magicLink } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';
import { getDb, type Db } from '@/db/client';
import { accounts, rateLimits, sessions, users, verifications } from '@/db/schema';
import { CLIENT_ADDRESS_HEADER } from '@/lib/api/client-address';
import { env } from '@/lib/env';
import { secretFor } from '@/lib/secrets';
import { sendAccountMail } from '@/server/services/account-mail';
import { consumeRateLimit } from './rate-limit';

const ac = createAccessControl(defaultStatements);
const noAdminRights = { user: [], session: [] } as const;
const roles = { admin: adminAc, marketer: ac.newRole(noAdminRights), sales: ac.newRole(noAdminRights), ops: ac.newRole(noAdminRights) };

/** Per address, on top of better-auth's per-IP limits: guessing one person's password from many IPs is slowed too. */
const PER_ADDRESS: Record<string, { window: number; max: number }> = {
  '/sign-in/email': { window: 300, max: 10 },
  '/sign-in/magic-link': { window: 300, max: 3 },
  '/request-password-reset': { window: 300, max: 3 },
};

export function createAuth(db: Db) {
  const e = env();
  const secure = e.APP_URL.startsWith('https://');
  return betterAuth({
    appName: e.PRODUCT_NAME,
    baseURL: e.APP_URL,
    secret: secretFor('sessions', e),
    database: drizzleAdapter(db, { provider: 'pg', usePlural: true, schema: { users, sessions, accounts, verifications, rateLimits } }),
    user: { additionalFields: { salesOwnerId: { type: 'string', required: false, input: false }, locale: { type: 'string', required: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    emailAndPassword: {
      enabled: true,
      // Teammates arrive by invitation or from an admin; nobody signs themselves up.
      disableSignUp: true,
      minPasswordLength: 8,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await sendAccountMail(db, {
          purpose: 'password-reset',
          to: user.email,
          subject: `Reset your ${e.PRODUCT_NAME} password`,
          heading: 'Reset your password',
          paragraphs: [`Someone (hopefully you) asked to reset the password of ${user.email}. The link works once and expires in an hour.`],
          cta: { label: 'Choose a new password', url },
          footerNote: 'If you did not ask for this, ignore this email: your password stays as it is.',
        });
      },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': { window: 60, max: 20 }, '/sign-in/magic-link': { window: 60, max: 10 }, '/request-password-reset': { window: 60, max: 10 } },
    },
    advanced: {
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      // The sign-in rate limit keys on the address the app resolved (peer, or TRUST_PROXY hops), never a client's X-Forwarded-For.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    trustedOrigins: [new URL(e.APP_URL).origin],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const rule = PER_ADDRESS[ctx.path];
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (!rule || typeof email !== 'string') return;
        const allowed = await consumeRateLimit(db, `address:${email.trim().toLowerCase()}:${ctx.path}`, rule);
        if (!allowed) throw new APIError('TOO_MANY_REQUESTS', { message: 'Too many attempts for this address; wait a few minutes and try again.' });
      }),
    },
    plugins: [
      admin({ ac, roles, defaultRole: 'marketer', adminRoles: ['admin'] }),
      magicLink({
        disableSignUp: true,
        expiresIn: 10 * 60,
        sendMagicLink: async ({ email, url }) => {
          await sendAccountMail(db, {
            purpose: 'sign-in-link',
            to: email,
            subject: `Sign in to ${e.PRODUCT_NAME}`,
            heading: `Sign in to ${e.PRODUCT_NAME}`,
            paragraphs: ['Use the button below to sign in. The link works once and expires in 10 minutes.'],
            cta: { label: 'Sign in', url },
            footerNote: 'If you did not ask to sign in, ignore this email.',
          });
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const authByDb = new WeakMap<Db, Auth>();

/** One auth instance per database (the app's, or a test's). */
export function authFor(db: Db): Auth {
  let auth = authByDb.get(db);
  if (!auth) {
    auth = createAuth(db);
    authByDb.set(db, auth);
  }
  return auth;
}

export const getAuth = (): Auth => authFor(getDb());
