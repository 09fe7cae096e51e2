/** Outgoing email and what the provider later told us about it. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export type MessageStatusEntry = { status: string; at: string; detail?: string };
export type RenderedMessage = { from: string; to: string; subject: string; html: string; text: string; headers?: Record<string, string>; tags: { name: string; value: string }[] };

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id'),
    workflowId: text('workflow_id'),
    nodeId: text('node_id'),
    /** 'account': sign-in links, resets and invitations to teammates, stored with their link removed (server/services/account-mail.ts). */
    kind: text('kind', { enum: ['marketing', 'sales', 'account'] }).notNull().default('marketing'),
    template: text('template').notNull(),
    variant: text('variant'),
    /** The language the message was rendered in, chosen before the render that is stored at claim. */
    locale: text('locale'),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    providerId: text('provider_id'),
    status: text('status').notNull().default('queued'),
    statusHistory: jsonb('status_history').$type<MessageStatusEntry[]>().notNull().default([]),
    error: text('error'),
    /** The exact request sent to the provider, stored before the first attempt: every retry sends these bytes. */
    rendered: jsonb('rendered').$type<RenderedMessage>(),
    deferredUntil: timestamp('deferred_until', { withTimezone: true }),
    /** The batch request this message went out in, and its place there: an unanswered batch is re-sent whole under its key. */
    batchKey: text('batch_key'),
    batchIndex: integer('batch_index'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_key').on(t.idempotencyKey),
    index('messages_lead_idx').on(t.leadId, t.createdAt),
    index('messages_provider_idx').on(t.providerId),
    index('messages_batch_idx').on(t.batchKey),
    // A blast's progress counts its messages by workflow id.
    index('messages_workflow_idx').on(t.workflowId),
  ],
);

export const suppressions = pgTable('suppressions', {
  email: text('email').primaryKey(),
  reason: text('reason', { enum: ['bounced', 'complained', 'unsubscribed'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Provider webhook deliveries already applied, so a retried delivery changes nothing. */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export const emailTemplates = pgTable(
  'email_templates',
  {
    key: text('key').notNull(),
    /** One row per language: a lead is mailed the copy of its own locale ('en' | 'vi'). */
    locale: text('locale').notNull().default('en'),
    /** Marketer-edited copy (subject, preheader, heading, paragraphs, cta); the component lays it out. */
    copy: jsonb('copy').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'email_templates_key_locale_pk', columns: [t.key, t.locale] })],
);

/** Templates a marketer created from one of the built-in layouts; their copy lives in `email_templates` under `key`. */
export const customEmailTemplates = pgTable(
  'custom_email_templates',
  {
    key: text('key').primaryKey(),
    name: text('name').notNull(),
    /** The registered template whose React Email component lays this one out. */
    layout: text('layout').notNull(),
    createdBy: text('created_by'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('custom_email_templates_name_key').on(t.name)],
);
