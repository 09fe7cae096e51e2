/** Leads, their touchpoints, events and the audit trail of their score. */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { salesOwners } from './sales';

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** Vietnamese names are written family name first; greetings use firstName either way. */
    nameOrder: text('name_order', { enum: ['given_first', 'family_first'] }).notNull().default('given_first'),
    phone: text('phone'),
    company: text('company'),
    jobTitle: text('job_title'),
    companySize: integer('company_size'),
    /** The language the lead is mailed in ('en' | 'vi'); null follows the org's default email language. */
    locale: text('locale'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    source: text('source').notNull().default('api'),
    score: integer('score').notNull().default(0),
    stage: text('stage', { enum: ['cold', 'warm', 'engaged', 'hot'] }).notNull().default('cold'),
    isHot: boolean('is_hot').notNull().default(false),
    lifecycle: text('lifecycle', { enum: ['lead', 'mql', 'sql', 'opportunity', 'customer'] }).notNull().default('lead'),
    ownerId: uuid('owner_id').references(() => salesOwners.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    lastAction: text('last_action'),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    nextFollowUpAt: timestamp('next_follow_up_at', { withTimezone: true }),
    /** When the rep was reminded of nextFollowUpAt; cleared when a new date is set. */
    followUpRemindedAt: timestamp('follow_up_reminded_at', { withTimezone: true }),
    notes: text('notes'),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leads_email_key').on(t.email),
    index('leads_score_idx').on(t.score),
    index('leads_created_idx').on(t.createdAt),
  ],
);

/** Every capture of a lead, keyed on hash(email + source) as the seeds ask. */
export const leadTouchpoints = pgTable(
  'lead_touchpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    captureKey: text('capture_key').notNull(),
    source: text('source').notNull(),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    firstVisit: timestamp('first_visit', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lead_touchpoints_capture_key').on(t.captureKey), index('lead_touchpoints_lead_idx').on(t.leadId)],
);

export const leadEvents = pgTable(
  'lead_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    points: integer('points').notNull().default(0),
    scoreAfter: integer('score_after').notNull().default(0),
  },
  (t) => [uniqueIndex('lead_events_event_id_key').on(t.eventId), index('lead_events_lead_idx').on(t.leadId, t.seq)],
);

/** Why a score is what it is: one row per rule that moved it. */
export const scoreChanges = pgTable(
  'score_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    eventId: text('event_id'),
    ruleId: uuid('rule_id'),
    ruleName: text('rule_name').notNull(),
    points: integer('points').notNull(),
    scoreAfter: integer('score_after').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('score_changes_lead_idx').on(t.leadId, t.id)],
);

/**
 * Events accepted over the API and not yet applied: POST /api/events answers 202 once a row is here, and the inbox
 * applier scores them, writes lead_events and wakes journeys in the background, deleting each row in the same
 * transaction that applies it. No foreign key: the accept path stays one cheap insert, and the applier rejects an
 * event whose lead was deleted meanwhile.
 */
export const eventInbox = pgTable(
  'event_inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    /** Could hand the lead to sales (a hand-off-now type, or enough points to cross the hot threshold): applied first. */
    hot: boolean('hot').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('event_inbox_event_id_key').on(t.eventId), index('event_inbox_hot_idx').on(t.leadId).where(sql`hot`)],
);

/**
 * Inbox events Postgres kept refusing when they were applied (a value it cannot store, a constraint or trigger that
 * says no): moved here with the error, in the transaction that takes them off the inbox, so the lead's later events
 * move on and nothing is lost without a trace.
 */
export const eventInboxDead = pgTable(
  'event_inbox_dead',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull(),
    error: text('error').notNull(),
    deadAt: timestamp('dead_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_inbox_dead_at_idx').on(t.deadAt)],
);
