/**
 * Who may call what: one table for every tRPC procedure and every non-ingestion route. The tRPC middleware and the
 * route handlers read it; tests/access/role-table.test.ts walks appRouter and app/api and fails on anything missing.
 */
import type { Role } from '@/db/schema';

export type { Role } from '@/db/schema';
export { ROLES } from '@/db/schema';

const EVERYONE = ['admin', 'marketer', 'sales', 'ops'] as const satisfies readonly Role[];
const MARKETING = ['admin', 'marketer'] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];
const OVERSIGHT = ['admin', 'ops'] as const satisfies readonly Role[];
/** Working hand-offs: sales on their own (checked in the service), admins and ops on anyone's. */
const DESK = ['admin', 'sales', 'ops'] as const satisfies readonly Role[];

/** Procedure path → roles allowed. A procedure missing here is admin-only until it is listed (and the role-table test fails). */
export const PROCEDURE_ROLES: Record<string, readonly Role[]> = {
  'dashboard.summary': EVERYONE,
  'dashboard.leadSteps': EVERYONE,
  'trends.overview': EVERYONE,

  'emails.outbox': EVERYONE,
  'emails.message': EVERYONE,
  'emails.templates': EVERYONE,
  'emails.preview': EVERYONE,
  'emails.copy': EVERYONE,
  'emails.saveCopy': MARKETING,
  'emails.resetCopy': MARKETING,
  'emails.previewCopy': MARKETING,
  'emails.sendTest': MARKETING,
  'emails.bounceRate': EVERYONE,
  'emails.layouts': EVERYONE,
  'emails.createTemplate': MARKETING,
  'emails.archiveTemplate': MARKETING,
  'emails.unarchiveTemplate': MARKETING,
  'emails.deleteTemplate': MARKETING,

  'blasts.options': MARKETING,
  'blasts.preview': MARKETING,
  'blasts.start': MARKETING,
  'blasts.cancel': MARKETING,
  // Ops watch sends too (a blast's webhooks are their load); only marketing starts or stops one.
  'blasts.list': ['admin', 'marketer', 'ops'],

  'experiments.list': EVERYONE,
  'experiments.declareWinner': MARKETING,
  'experiments.setAutoWinner': MARKETING,

  'journeys.list': EVERYONE,
  'journeys.get': EVERYONE,
  'journeys.create': MARKETING,
  'journeys.duplicate': MARKETING,
  'journeys.rename': MARKETING,
  'journeys.archive': MARKETING,
  'journeys.saveDraft': MARKETING,
  'journeys.publish': MARKETING,
  'journeys.versions': EVERYONE,
  'journeys.version': EVERYONE,
  'journeys.reviewPublish': EVERYONE,
  'journeys.restoreVersion': MARKETING,
  'journeys.unarchive': MARKETING,
  'journeys.overlay': EVERYONE,
  'journeys.simulate': ['admin', 'marketer', 'ops'],

  'leads.list': EVERYONE,
  'leads.byId': EVERYONE,
  'leads.acknowledgeHandoff': DESK,

  'forms.list': EVERYONE,
  'forms.get': EVERYONE,
  'forms.save': MARKETING,
  'forms.archive': MARKETING,

  'imports.status': MARKETING,
  'imports.recent': MARKETING,
  'imports.run': MARKETING,

  'settings.scoring': EVERYONE,
  'settings.saveRule': MARKETING,
  'settings.saveThresholds': MARKETING,
  'settings.sending': EVERYONE,
  'settings.saveSending': MARKETING,
  'settings.emailLanguage': EVERYONE,
  'settings.saveEmailLanguage': MARKETING,
  'settings.owners': EVERYONE,
  'settings.saveOwner': OVERSIGHT,
  'settings.language': EVERYONE,
  'settings.saveLanguage': ADMIN,

  'me.get': EVERYONE,
  'me.setLocale': EVERYONE,

  'runs.failed': OVERSIGHT,
  'runs.retry': OVERSIGHT,
  'runs.cancel': OVERSIGHT,
  'runs.deadLetters': OVERSIGHT,
  'runs.retryDeadLetter': OVERSIGHT,

  'desk.mine': DESK,
  'desk.overview': OVERSIGHT,
  'desk.acknowledge': DESK,
  'desk.recordOutcome': DESK,
  'desk.addNote': DESK,
  'desk.reassign': DESK,
  'desk.handOff': OVERSIGHT,
  'desk.activity': EVERYONE,
  'desk.performance': EVERYONE,

  'audit.list': OVERSIGHT,

  'users.list': ADMIN,
  'users.create': ADMIN,
  'users.invite': ADMIN,
  'users.revokeInvitation': ADMIN,
  'users.setRole': ADMIN,
  'users.setSalesOwner': ADMIN,
  'users.setActive': ADMIN,
  'users.apiKeys': ADMIN,
  'users.createApiKey': ADMIN,
  'users.revokeApiKey': ADMIN,
};

export function mayCall(role: Role, path: string): boolean {
  return (PROCEDURE_ROLES[path] ?? ADMIN).includes(role);
}

/**
 * Every route under app/api by "METHOD /path" (Next's folder spelling). `session` routes take a signed-in user of
 * those roles; `apiKey` routes take a Bearer key with that scope, or, where `orToken` says so, that record's own token
 * instead; `public` routes check a signature, a token or nothing (each says which).
 */
export type RouteAccess =
  | { kind: 'session'; roles: readonly Role[] }
  | { kind: 'apiKey'; scope: 'ingest' | 'read'; orToken?: string }
  | { kind: 'public'; why: string };

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/trpc/[trpc]': { kind: 'public', why: 'each procedure checks the session against PROCEDURE_ROLES' },
  'POST /api/trpc/[trpc]': { kind: 'public', why: 'each procedure checks the session against PROCEDURE_ROLES' },
  'GET /api/auth/[...all]': { kind: 'public', why: 'better-auth: sign-in, sign-out, magic links, resets' },
  'POST /api/auth/[...all]': { kind: 'public', why: 'better-auth: sign-in, sign-out, magic links, resets' },
  'GET /api/health': { kind: 'public', why: 'load balancers probe it; says only up or down' },
  'GET /api/unsubscribe': { kind: 'public', why: 'signed link in marketing mail' },
  'POST /api/unsubscribe': { kind: 'public', why: 'RFC 8058 one-click, signed link' },
  'GET /api/t/c': { kind: 'public', why: 'signed click-tracking link' },
  'GET /api/t/o': { kind: 'public', why: 'signed open pixel' },
  'GET /api/handoff/[id]/ack': { kind: 'public', why: "the hand-off's own token, from the notification" },
  'POST /api/webhooks/resend': { kind: 'public', why: "Svix signature with Resend's webhook secret" },
  'GET /api/openapi.json': { kind: 'public', why: 'describes the public API; holds no data' },
  'GET /api/reference': { kind: 'public', why: 'the interactive reference page for that description' },
  'GET /api/reference/standalone.js': { kind: 'public', why: "the reference page's script, served locally instead of a CDN" },
  'POST /api/setup': { kind: 'public', why: 'the one-time first-admin setup token' },
  'POST /api/invite': { kind: 'public', why: "the invitation's one-time token" },
  'POST /api/forms/[id]/submit': { kind: 'public', why: "a visitor's form post: the form's allowed origins, a per-address rate limit and a honeypot" },
  'GET /api/forms/[id]/embed': { kind: 'public', why: 'the embed script a public page loads; holds only what the form shows' },
  'POST /api/forms/confirm': { kind: 'public', why: 'the double opt-in token mailed to the lead' },
  'POST /api/leads': { kind: 'apiKey', scope: 'ingest' },
  'POST /api/events': { kind: 'apiKey', scope: 'ingest' },
  'POST /api/handoff': { kind: 'apiKey', scope: 'ingest' },
  'POST /api/handoff/[id]/ack': { kind: 'apiKey', scope: 'ingest', orToken: "the hand-off's own token, posted by the notification link's page" },
  'GET /api/leads/[id]': { kind: 'apiKey', scope: 'read' },
  'POST /api/imports': { kind: 'session', roles: MARKETING },
  'GET /api/leads/export': { kind: 'session', roles: ['admin', 'marketer', 'ops'] },
  // Prometheus scrapes with Bearer METRICS_TOKEN instead of a session; the route checks either.
  'GET /api/metrics': { kind: 'session', roles: ['admin', 'ops'] },
};
