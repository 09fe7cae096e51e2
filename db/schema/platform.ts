/** Platform tables: API keys, settings, scoring rules and the signal outbox. */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** sha256 of the key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    /** `ingest` posts leads, events and hand-offs; `read` reads leads. */
    scopes: text('scopes').array().notNull().default(sql`'{ingest,read}'::text[]`),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash_key').on(t.keyHash)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const scoringRules = pgTable('scoring_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['event', 'attribute'] }).notNull(),
  eventType: text('event_type'),
  /** For attribute rules: { field, op, value } as in lib/scoring. */
  condition: jsonb('condition').$type<Record<string, unknown>>(),
  points: integer('points').notNull(),
  oncePerLead: boolean('once_per_lead').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every edit of a scoring rule, so a quarter's tuning and its effect stay visible. */
export const scoringRuleChanges = pgTable('scoring_rule_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ruleId: uuid('rule_id').notNull(),
  before: jsonb('before').$type<Record<string, unknown>>(),
  after: jsonb('after').$type<Record<string, unknown>>(),
  /** Who made the change: the signed-in user's id and display name at the time. */
  changedById: text('changed_by_id'),
  changedByName: text('changed_by_name'),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Signals written in the same transaction as the event; a relay delivers them to Temporal. */
export const signalOutbox = pgTable(
  'signal_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    /** Null for rows that start a hand-off SLA workflow (signal = startHandoffSla) rather than signal a journey run. */
    journeyId: uuid('journey_id'),
    journeyVersion: integer('journey_version'),
    signal: text('signal').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** A relay owns the row until then; a relay that died mid-call loses it when the lease runs out. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Backoff after a failed delivery: not retried before then. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Dead letter: given up after too many attempts; ops see last_error and may requeue it. */
    deadAt: timestamp('dead_at', { withTimezone: true }),
  },
  (t) => [
    index('signal_outbox_pending_idx').on(t.id).where(sql`delivered_at is null and dead_at is null`),
    index('signal_outbox_workflow_pending_idx').on(t.workflowId, t.id).where(sql`delivered_at is null and dead_at is null`),
    index('signal_outbox_delivered_idx').on(t.deliveredAt).where(sql`delivered_at is not null`),
    index('signal_outbox_dead_idx').on(t.deadAt).where(sql`dead_at is not null`),
  ],
);

/**
 * One row whose counter triggers bump whenever what ingestion caches changes (scoring rules, settings, published
 * journeys), in the writer's own transaction: a process checks it with one cheap read per request.
 */
export const configVersion = pgTable('config_version', {
  id: integer('id').primaryKey().default(1),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
