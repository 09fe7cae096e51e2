/** Capture forms a marketer builds, what was submitted through them, and the per-IP submission counters behind the rate limit. */
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { leads } from './leads';

/** One visible input; `key` is a lead field (email, first_name, …) or a custom key stored in the lead's properties. */
export interface FormField {
  key: string;
  label: string;
  required: boolean;
}
export interface FormConsent {
  enabled: boolean;
  label: string;
  required: boolean;
}
export type FormThankYou = { kind: 'message'; message: string } | { kind: 'redirect'; url: string };

export const forms = pgTable(
  'forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Submissions become leads with source `form:<name>`. */
    name: text('name').notNull(),
    title: text('title').notNull().default(''),
    submitLabel: text('submit_label').notNull().default('Submit'),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    consent: jsonb('consent').$type<FormConsent>().notNull(),
    thankYou: jsonb('thank_you').$type<FormThankYou>().notNull(),
    /** Origins (or host patterns such as *.example.com) whose pages may post the form cross-origin. */
    allowedOrigins: text('allowed_origins').array().notNull().default([]),
    doubleOptIn: boolean('double_opt_in').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('forms_name_key').on(t.name)],
);

export const formSubmissions = pgTable(
  'form_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => forms.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['accepted', 'pending_confirmation', 'confirmed'] }).notNull(),
    /** sha256 of the double opt-in token mailed to the lead; the token itself is never stored. */
    confirmTokenHash: text('confirm_token_hash'),
    consentGiven: boolean('consent_given').notNull().default(false),
    consentText: text('consent_text'),
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [index('form_submissions_form_idx').on(t.formId, t.createdAt), uniqueIndex('form_submissions_token_key').on(t.confirmTokenHash)],
);

/** Submissions per (form, client address) per minute; old windows are pruned as new ones are counted. */
export const formRateWindows = pgTable(
  'form_rate_windows',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
