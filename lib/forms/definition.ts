/**
 * A capture form as the marketer defines it, and the submission schema built from it: the hosted page, the embed script
 * and the public endpoint all validate a submission with `submissionSchema`, so the form and the server agree.
 */
import { z } from 'zod';
import { captureLeadSchema, safeString, type CaptureLeadInput } from '@/lib/api/schemas';
import { EMAIL_LOCALES, normalizeLanguage, type EmailLocale } from '@/lib/email/locales';
import { normalizeOriginEntry } from './origins';

/**
 * A custom issue with a value in it carries its key in params (lib/forms/problems words it in the reader's language);
 * the English stays literal here, so the embed script does not bundle the catalogs (problems.test.ts checks they agree).
 */
const said = (key: string, message: string, params: Record<string, string>) => ({ message, params: { text: { key: `serverText.form.${key}`, params } } });

/** Lead fields a form can ask for; anything else is a custom field kept in the lead's properties. */
export const LEAD_FIELDS = {
  email: { label: 'Email', input: 'email' },
  first_name: { label: 'First name', input: 'text' },
  last_name: { label: 'Last name', input: 'text' },
  name: { label: 'Full name', input: 'text' },
  phone: { label: 'Phone', input: 'tel' },
  company: { label: 'Company', input: 'text' },
  job_title: { label: 'Job title', input: 'text' },
  company_size: { label: 'Company size', input: 'number' },
} as const;
export type LeadFieldKey = keyof typeof LEAD_FIELDS;
const isLeadField = (key: string): key is LeadFieldKey => Object.hasOwn(LEAD_FIELDS, key);

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
/** The honeypot: hidden from people, filled by bots that fill every input. */
export const HONEYPOT = 'company_website';
const RESERVED = new Set<string>([...UTM_KEYS, 'referrer', 'page_url', 'language', 'consent', HONEYPOT, 'source', 'properties', 'first_visit']);

export function inputType(key: string): 'email' | 'text' | 'tel' | 'number' {
  return isLeadField(key) ? LEAD_FIELDS[key].input : 'text';
}

const fieldDef = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and _ (start with a letter)')
    .refine((k) => !RESERVED.has(k), { message: 'is reserved for hidden fields' }),
  label: safeString().trim().min(1, 'is required').max(200),
  required: z.boolean(),
});

export const formDefinitionSchema = z
  .object({
    name: safeString()
      .trim()
      .min(1, 'is required')
      .max(60)
      .regex(/^[\p{L}\p{N} _.-]+$/u, 'use letters, digits, spaces and _ . -'),
    title: safeString().trim().max(200).default(''),
    submitLabel: safeString().trim().min(1, 'is required').max(60).default('Submit'),
    fields: z.array(fieldDef).min(1, 'add at least the email field').max(30),
    consent: z.object({ enabled: z.boolean(), label: safeString().trim().max(1000), required: z.boolean() }),
    thankYou: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('message'), message: safeString().trim().min(1, 'is required').max(2000) }),
      z.object({ kind: z.literal('redirect'), url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000) }),
    ]),
    allowedOrigins: z
      .array(z.string().trim().min(1).max(300))
      .max(50)
      .transform((list, ctx) => {
        const out: string[] = [];
        list.forEach((entry, i) => {
          const origin = normalizeOriginEntry(entry);
          if (origin) out.push(origin);
          else ctx.addIssue({ code: 'custom', path: [i], ...said('notOrigin', `"${entry}" is not an origin (https://example.com) or host pattern (*.example.com)`, { entry }) });
        });
        return [...new Set(out)];
      }),
    doubleOptIn: z.boolean().default(false),
  })
  .superRefine((form, ctx) => {
    const email = form.fields.find((f) => f.key === 'email');
    if (!email) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'must include the email field' });
    else if (!email.required) ctx.addIssue({ code: 'custom', path: ['fields', form.fields.indexOf(email), 'required'], message: 'the email field is always required' });
    const seen = new Set<string>();
    form.fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], ...said('twice', `"${f.key}" appears twice`, { key: f.key }) });
      seen.add(f.key);
    });
    if (form.consent.enabled && !form.consent.label) ctx.addIssue({ code: 'custom', path: ['consent', 'label'], message: 'is required when the consent checkbox is on' });
  });
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
export type FormDefinition = z.output<typeof formDefinitionSchema>;

/** What a visitor's browser needs to render and validate the form: no settings it should not see. */
export interface PublicForm {
  id: string;
  name: string;
  title: string;
  submitLabel: string;
  fields: { key: string; label: string; required: boolean }[];
  consent: { enabled: boolean; label: string; required: boolean };
  thankYou: FormDefinition['thankYou'];
  doubleOptIn: boolean;
  /** The language of the words around the marketer's own (errors, confirmation): the org's default email language. */
  language?: EmailLocale;
}

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
const emptyToUndefined = (v: unknown) => (present(v) ? v : undefined);
const hiddenText = (max: number) => z.preprocess(emptyToUndefined, safeString().trim().max(max).optional());

/** The API's own rule for a lead field (the same as POST /api/leads), or free text for a custom field. */
function baseRule(key: string): z.ZodType {
  if (!isLeadField(key)) return safeString().trim().max(1000);
  const rule = captureLeadSchema.shape[key] as z.ZodType;
  return rule instanceof z.ZodOptional ? (rule.unwrap() as z.ZodType) : rule;
}

export function submissionSchema(form: Pick<PublicForm, 'fields' | 'consent'>) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of form.fields) {
    const rule = baseRule(f.key);
    shape[f.key] = f.required ? z.custom<unknown>(present, { message: 'is required' }).pipe(rule) : z.preprocess(emptyToUndefined, rule.optional());
  }
  if (form.consent.enabled) {
    shape.consent = form.consent.required ? z.literal(true, { message: 'must be ticked to continue' }) : z.boolean().optional();
  }
  for (const k of UTM_KEYS) shape[k] = hiddenText(200);
  shape.referrer = hiddenText(2000);
  shape.page_url = hiddenText(2000);
  // A hint from the page or browser, not something the visitor typed: a language Leadflow does not mail in is dropped, not refused.
  shape.language = z.preprocess((v) => (typeof v === 'string' ? (normalizeLanguage(v.slice(0, 40)) ?? undefined) : undefined), z.enum(EMAIL_LOCALES).optional());
  shape[HONEYPOT] = z.string().max(2000).optional();
  return z.object(shape);
}
export type Submission = Record<string, unknown>;

/** A submission as the capture input POST /api/leads takes: lead fields as they are, custom fields in properties. */
export function toCaptureInput(form: Pick<PublicForm, 'id' | 'name' | 'fields' | 'consent'>, data: Submission): CaptureLeadInput {
  const lead: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const f of form.fields) {
    const value = data[f.key];
    if (value === undefined) continue;
    if (isLeadField(f.key)) lead[f.key] = value;
    else custom[f.key] = value;
  }
  const properties: Record<string, unknown> = { ...custom, form: { id: form.id, name: form.name } };
  if (data.referrer) properties.referrer = data.referrer;
  if (data.page_url) properties.page_url = data.page_url;
  if (form.consent.enabled) properties.consent = { given: data.consent === true, text: form.consent.label };
  for (const k of UTM_KEYS) if (data[k] !== undefined) lead[k] = data[k];
  if (data.language !== undefined) lead.language = data.language;
  return captureLeadSchema.parse({ ...lead, source: formSource(form.name), properties });
}

export const formSource = (name: string) => `form:${name}`;

/** The first problem of a failed parse, as { field, message }. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  return { field: issue.path.join('.') || 'body', message: issue.message };
}
