/**
 * The wire schemas of the HTTP API, in one place: route handlers and tRPC validate with them, and the OpenAPI document
 * is generated from them. Hostile values (NUL, lone surrogates, deep nesting, impossible dates, fractional minutes)
 * stop here with a 400 naming the field, before anything is written.
 */
import { z } from 'zod';
import { EMAIL_LOCALES, normalizeLanguage } from '@/lib/email/locales';

export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_PROPERTY_DEPTH = 32;
/** Keys that mean something to JavaScript objects; they cannot round-trip through every layer, so they are refused. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);

// eslint-disable-next-line no-control-regex -- NUL is exactly what Postgres text and jsonb refuse
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function textProblem(value: string): string | null {
  if (NUL.test(value)) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it has a lone surrogate)';
  return null;
}

/** A string Postgres can store: no NUL, no lone surrogates. */
export const safeString = () =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Finds the first unstorable value in JSON-ish data: its path and why. */
export function jsonProblem(value: unknown, depth = 1, path: (string | number)[] = []): { path: (string | number)[]; message: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, message: problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_PROPERTY_DEPTH) return { path, message: `is nested deeper than ${MAX_PROPERTY_DEPTH} levels` };
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (typeof key === 'string') {
      const problem = FORBIDDEN_KEYS.has(key) ? `key "${key}" is not allowed` : textProblem(key);
      if (problem) return { path: [...path, key], message: problem.startsWith('key') ? problem : `key ${problem}` };
    }
    const found = jsonProblem(child, depth + 1, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** Free-form properties: any JSON object, at most 32 levels deep, every key and string storable. */
export const propertiesSchema = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'must be a JSON object' })
  .superRefine((value, ctx) => {
    // Own keys only: JSON.parse puts "__proto__" on the object itself, where a z.record would silently drop it.
    const found = jsonProblem(value, 1);
    if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.message });
  });

const EARLIEST = Date.UTC(1970, 0, 1);
const SKEW_MS = 24 * 60 * 60 * 1000;

/** An ISO 8601 date-time with offset, between 1970 and a day from now (clock skew), so every layer can store it. */
export const isoDateTime = () =>
  z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).superRefine((value, ctx) => {
    const t = Date.parse(value);
    if (Number.isNaN(t)) ctx.addIssue({ code: 'custom', message: 'is not a real date' });
    else if (t < EARLIEST || t > Date.now() + SKEW_MS) ctx.addIssue({ code: 'custom', message: 'must lie between 1970-01-01 and now' });
  });

/** UUIDs compare case-insensitively: the canonical lower-case form is what is stored and looked up. */
export const uuidLike = () => safeString().trim().toLowerCase();

const optionalText = safeString().trim().max(200).optional();

/** The language a lead is mailed in: 'en' or 'vi'; tags and names ('vi-VN', 'Vietnamese', 'Tiếng Việt') are read as their language. */
export const languageSchema = () =>
  safeString()
    .trim()
    .max(40)
    .transform((value, ctx) => {
      const locale = normalizeLanguage(value);
      if (!locale) ctx.addIssue({ code: 'custom', message: `must be one of ${EMAIL_LOCALES.join(', ')} (a tag such as vi-VN is read as vi)` });
      return locale ?? 'en';
    })
    .meta({ description: 'The language the lead is mailed in: en or vi (vi-VN, en-US and the like are read as their language). Absent: the default email language in Settings.' });

export const captureLeadSchema = z.object({
  email: safeString().trim().toLowerCase().email({ message: 'must be a valid email address' }).max(320),
  source: safeString().trim().min(1).max(100).default('api'),
  first_name: optionalText,
  last_name: optionalText,
  name: optionalText,
  phone: safeString().trim().max(40).regex(/^[+0-9 ()./-]*$/, 'may contain only digits, spaces and + ( ) . / -').optional(),
  company: optionalText,
  job_title: optionalText,
  company_size: z.coerce.number().int().min(1).max(10_000_000).optional(),
  utm_source: optionalText,
  utm_medium: optionalText,
  utm_campaign: optionalText,
  utm_term: optionalText,
  utm_content: optionalText,
  first_visit: isoDateTime().optional(),
  language: languageSchema().optional(),
  /** Another name for `language`, as some form tools send it. */
  locale: languageSchema().meta({ description: 'Another name for `language`, as some form tools send it; `language` wins when both are sent.' }).optional(),
  properties: propertiesSchema.default({}),
});
export type CaptureLeadInput = z.infer<typeof captureLeadSchema>;

export const eventSchema = z
  .object({
    event_id: safeString().trim().min(1, 'is required').max(200),
    lead_id: uuidLike().min(1).max(100).optional(),
    email: safeString().trim().toLowerCase().email({ message: 'must be a valid email address' }).optional(),
    type: z.string().trim().min(1, 'is required').max(100).regex(/^[a-z0-9_.:-]+$/, 'use lower-case letters, digits and _ . : -'),
    occurred_at: isoDateTime().optional(),
    properties: propertiesSchema.optional(),
  })
  .refine((e) => e.lead_id !== undefined || e.email !== undefined, { path: ['lead_id'], message: 'lead_id or email is required' });
export type EventInput = z.infer<typeof eventSchema>;

/** The batch envelope; each event is then validated on its own so one bad event is rejected by index, not the batch. */
export const eventBatchSchema = z.object({
  events: z.array(z.unknown()).min(1, 'must hold at least one event').max(MAX_EVENTS_PER_BATCH, `at most ${MAX_EVENTS_PER_BATCH} events per request`),
});

export const handoffRequestSchema = z.object({
  lead_id: uuidLike().min(1, 'is required').max(100),
  sales_owner: safeString().trim().min(1).max(100).optional(),
  reason: safeString().trim().min(1, 'is required').max(1000),
  sla_minutes: z.number().int('must be a whole number of minutes').min(1).max(7 * 24 * 60).optional(),
});
export type HandoffRequest = z.infer<typeof handoffRequestSchema>;
