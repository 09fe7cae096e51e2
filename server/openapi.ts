/** The public HTTP API as OpenAPI 3.1, generated from the zod schemas the route handlers validate with (zod-openapi). */
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject } from 'zod-openapi';
import { journeyRuns } from '@/db/schema';
import { captureLeadSchema } from '@/lib/capture/capture-lead';
import { eventSchema, MAX_EVENTS_PER_BATCH } from '@/server/services/event-schema';
import { handoffRequestSchema } from '@/server/services/manual-handoff';
import { HONEYPOT, UTM_KEYS } from '@/lib/forms/definition';

const errorResponse = z
  .object({
    error: z.string().meta({ description: 'What is wrong, starting with the field when there is one.' }),
    field: z.string().optional().meta({ description: 'The offending field path, e.g. `email` or `events.3.type`.' }),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

const captureResponse = z
  .object({ id: z.uuid(), created: z.boolean(), touchpoint_created: z.boolean().meta({ description: 'A new (email, source) pair was recorded.' }) })
  .meta({ id: 'CaptureResult' });

const eventsResponse = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int().meta({ description: 'Event ids already recorded; they count once.' }),
    rejected: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })),
  })
  .meta({ id: 'EventsResult' });

/** The documented shape of GET /api/leads/:id (tests parse real answers with it). */
export const leadSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
    job_title: z.string().nullable(),
    language: z.enum(['en', 'vi']).nullable().meta({ description: 'The language the lead is mailed in; null follows the default email language in Settings.' }),
    source: z.string(),
    score: z.number().int(),
    stage: z.enum(['cold', 'warm', 'engaged', 'hot']),
    is_hot: z.boolean(),
    lifecycle: z.string(),
    owner: z.object({ id: z.uuid(), handle: z.string(), name: z.string() }).nullable(),
    archived: z.boolean(),
    last_action: z.string().nullable(),
    touchpoints: z.array(z.object({ source: z.string(), utm_campaign: z.string().nullable(), at: z.string() })),
    journey_runs: z.array(
      z.object({
        journey_id: z.uuid(),
        journey_name: z.string(),
        journey_version: z.number().int(),
        workflow_id: z.string(),
        current_node: z.string().nullable().meta({ description: 'The step the run is at; for a failed run, the step that failed.' }),
        status: z.enum(journeyRuns.status.enumValues),
        failure_reason: z.string().nullable().meta({ description: 'Why a failed run failed, typed: e.g. `NoOwner: no active sales owner to assign`. Null unless failed.' }),
        failed_at: z.string().nullable(),
        goal: z.string().nullable().meta({ description: 'The goal of the journey version this run follows, in words (e.g. `Booked a demo`); null when it has none.' }),
        goal_reached_at: z.string().nullable().meta({ description: 'When the lead met that goal: the run exited there and counts as a conversion. Null until then.' }),
        temporal_url: z.string(),
      }),
    ),
    events: z.array(z.object({ event_id: z.string(), type: z.string(), occurred_at: z.string(), points: z.number().int(), score_after: z.number().int() })),
    created_at: z.string(),
  })
  .meta({ id: 'Lead', description: 'Fields listed are always present; more may be added.' });

const handoffCreated = z
  .object({ handoff_id: z.uuid(), lead_id: z.uuid(), owner_id: z.uuid(), sla_minutes: z.number(), workflow_id: z.string(), created_at: z.string() })
  .meta({ id: 'Handoff' });

const ackResponse = z
  .object({ handoff_id: z.uuid(), acknowledged_at: z.string(), handoff_ms: z.number().nullable(), newly_acknowledged: z.boolean() })
  .meta({ id: 'Acknowledgement' });

const health = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['up', 'down']), temporal: z.enum(['up', 'down']), worker: z.enum(['up', 'down']) })
  .meta({ id: 'Health' });

const thankYou = z
  .discriminatedUnion('kind', [z.object({ kind: z.literal('message'), message: z.string() }), z.object({ kind: z.literal('redirect'), url: z.string() })])
  .meta({ id: 'FormThankYou' });
const formAccepted = z.object({ ok: z.literal(true), status: z.enum(['accepted', 'pending_confirmation']), thank_you: thankYou.optional() }).meta({ id: 'FormAccepted' });
const formSubmission = z
  .object({
    email: z.string(),
    consent: z.boolean().optional().meta({ description: 'The consent checkbox, when the form has one (`true` when it is required).' }),
    ...Object.fromEntries(UTM_KEYS.map((k) => [k, z.string().optional()])),
    referrer: z.string().optional(),
    page_url: z.string().optional(),
    [HONEYPOT]: z.string().optional().meta({ description: 'The honeypot: leave it empty (bots fill it).' }),
  })
  .catchall(z.unknown())
  .meta({ id: 'FormSubmission', description: "The form's fields by key (first_name, company, custom keys…) plus the hidden context below." });

const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } });
const problem = (description: string) => json(errorResponse, description);
const unauthorized = problem('Missing or unknown API key (`authorization`).');
const tooLarge = problem('The body exceeds MAX_BODY_BYTES (1 MiB by default).');
const id = z.object({ id: z.string().meta({ description: 'A UUID.' }) });

const secured: Pick<ZodOpenApiOperationObject, 'security'> = { security: [{ apiKey: [] }] };

/** Every documented (method, path, status); the coverage test checks each is produced by some request in the tests. */
export function openApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Leadflow API',
      version: '1.0.0',
      description: 'Capture leads and their events, hand hot leads to sales, acknowledge hand-offs. Errors are JSON `{ error, field }` naming the offending field.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (`lf_…`), e.g. LEADFLOW_DEV_API_KEY in development.' } } },
    paths: {
      '/api/leads': {
        post: {
          operationId: 'captureLead',
          summary: 'Capture a lead',
          description: 'Deduplicated on the email; a new source for a known email adds a touchpoint (keyed on hash(email + source)).',
          ...secured,
          requestBody: { required: true, content: { 'application/json': { schema: captureLeadSchema } } },
          responses: {
            '201': json(captureResponse, 'A new lead.'),
            '200': json(captureResponse, 'The email is known: its lead id.'),
            '400': problem('Invalid JSON or a field that fails validation, named in `field`.'),
            '401': unauthorized,
            '413': tooLarge,
          },
        },
      },
      '/api/leads/{id}': {
        get: {
          operationId: 'getLead',
          summary: 'A lead with its score, stage, owner, touchpoints, events and journey runs',
          ...secured,
          requestParams: { path: id },
          responses: { '200': json(leadSchema, 'The lead.'), '401': unauthorized, '404': problem('No lead with this id (`id`).') },
        },
      },
      '/api/events': {
        post: {
          operationId: 'recordEvents',
          summary: `Record one event, or a batch of up to ${MAX_EVENTS_PER_BATCH}`,
          description:
            'Each `event_id` counts once. In a batch, invalid events are rejected by index and the rest are stored. A 202 means the events are stored durably; scoring, hand-offs and journeys apply them in the background within moments, in the order they were accepted per lead (events that can make a lead hot go first).',
          ...secured,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: z.union([eventSchema, z.object({ events: z.array(eventSchema).min(1).max(MAX_EVENTS_PER_BATCH) })]) } },
          },
          responses: {
            '202': json(eventsResponse, 'Accepted; duplicates and per-index rejections are reported.'),
            '400': problem('Invalid JSON, an invalid single event, or a batch that is empty or too long (`events`).'),
            '401': unauthorized,
            '404': problem('A single event for an unknown lead (`lead_id`).'),
            '413': tooLarge,
            '503': problem('Too many events are waiting to be applied (`events`); send the same events again after the `Retry-After` seconds.'),
          },
        },
      },
      '/api/handoff': {
        post: {
          operationId: 'handOff',
          summary: 'Hand a lead to a sales owner now; the SLA clock starts',
          ...secured,
          requestParams: { header: z.object({ 'idempotency-key': z.string().optional().meta({ description: 'Repeats with the same key create one hand-off.' }) }) },
          requestBody: { required: true, content: { 'application/json': { schema: handoffRequestSchema } } },
          responses: {
            '201': json(handoffCreated, 'The hand-off; the owner is notified.'),
            '400': problem('A field that fails validation, named in `field`.'),
            '401': unauthorized,
            '404': problem('Unknown lead (`lead_id`) or owner (`sales_owner`).'),
          },
        },
      },
      '/api/handoff/{id}/ack': {
        post: {
          operationId: 'acknowledgeHandoff',
          summary: 'Acknowledge a hand-off (stops the SLA clock)',
          description: 'With the bearer key: JSON. With the notification link’s `token` as a form field (the link page’s button): a redirect to the lead.',
          ...secured,
          requestParams: { path: id },
          requestBody: { required: false, content: { 'application/x-www-form-urlencoded': { schema: z.object({ token: z.string().optional() }) } } },
          responses: {
            '200': json(ackResponse, 'Acknowledged (again, if it already was).'),
            '303': { description: 'Acknowledged from the link page; redirects to the lead’s page.', headers: z.object({ location: z.string() }) },
            '401': unauthorized,
            '404': problem('No hand-off with this id (`id`), or none matching the link (`token`).'),
          },
        },
        get: {
          operationId: 'acknowledgeHandoffLink',
          summary: 'The notification’s link: a page whose button acknowledges (GET changes nothing, since scanners fetch links)',
          requestParams: { path: id, query: z.object({ token: z.string().meta({ description: 'The token from the notification.' }) }) },
          responses: {
            '200': { description: 'An HTML page with the Acknowledge button (or “Already acknowledged”).', content: { 'text/html': { schema: z.string() } } },
            '401': { description: 'The link has no token.', content: { 'text/html': { schema: z.string() } } },
            '404': { description: 'No hand-off matches this link.', content: { 'text/html': { schema: z.string() } } },
          },
        },
      },
      '/api/forms/{id}/submit': {
        post: {
          operationId: 'submitForm',
          summary: 'Submit a capture form (public: no key, called by the hosted page and the embed script)',
          description:
            'The body holds the form\'s own fields (validated as `POST /api/leads` validates them), `consent` when the form asks for it, and hidden context. A browser `Origin` must be the app or one of the form\'s allowed sites. The lead\'s source is `form:<name>`.',
          requestParams: { path: id },
          requestBody: { required: true, content: { 'application/json': { schema: formSubmission } } },
          responses: {
            '201': json(formAccepted, 'Accepted; with double opt-in the lead is `pending_confirmation` until it confirms by email. A filled honeypot gets the same answer and nothing is stored.'),
            '400': problem('Invalid JSON or a field that fails the form\'s validation, named in `field`.'),
            '403': problem('The request\'s Origin is not among the form\'s allowed sites (`origin`).'),
            '404': problem('No live form with this id (`form`).'),
            '429': problem('Too many submissions from this address to this form in the last minute (`rate`).'),
          },
        },
        options: {
          operationId: 'submitFormPreflight',
          summary: 'CORS preflight: allowed only for the form\'s listed sites',
          requestParams: { path: id, header: z.object({ origin: z.string() }) },
          responses: {
            '204': { description: 'Allowed: `access-control-allow-origin` echoes the Origin.' },
            '403': { description: 'The Origin may not post this form (no CORS headers).' },
          },
        },
      },
      '/api/forms/confirm': {
        post: {
          operationId: 'confirmFormSubmission',
          summary: 'Double opt-in: confirm with the mailed token; the lead then enters its journeys',
          requestBody: { required: true, content: { 'application/json': { schema: z.object({ token: z.string() }) } } },
          responses: {
            '200': json(z.object({ ok: z.literal(true), already_confirmed: z.boolean(), thank_you: thankYou }), 'Confirmed (again, if it already was).'),
            '400': problem('No token, or not a token (`token`).'),
            '404': problem('No submission waits for this token (`token`).'),
          },
        },
      },
      '/api/health': {
        get: {
          operationId: 'health',
          summary: 'Database, Temporal and worker, each up or down',
          responses: { '200': json(health, 'Everything is up.'), '503': json(health, 'Something is down.') },
        },
      },
    },
  }, {
    // Free-form `properties` is a z.custom with its own checks: it renders as "any JSON object".
    allowEmptySchema: { custom: true },
    override: ({ jsonSchema, zodSchema }) => {
      if (zodSchema._zod.def.type === 'custom') Object.assign(jsonSchema, { type: 'object', description: 'Any JSON object, at most 32 levels deep.' });
    },
  });
}
