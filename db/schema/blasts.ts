/** Email blasts a marketer started: what, to whom, and how each ended; live counts come from their messages. */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BlastAudience, BlastTotals } from '../../lib/journey/contract';

export const BLAST_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;
export type BlastStatus = (typeof BLAST_STATUSES)[number];

export const blasts = pgTable(
  'blasts',
  {
    /** The workflow id is derived from it (`blast-<id>`). */
    id: uuid('id').primaryKey().defaultRandom(),
    /** The browser's id for one confirmed send: a repeated request finds this row instead of sending again. */
    requestId: uuid('request_id').notNull(),
    name: text('name').notNull(),
    template: text('template').notNull(),
    audience: jsonb('audience').$type<BlastAudience>().notNull(),
    /** Leads the audience held at `startedAt`, the figure the marketer confirmed. */
    audienceCount: integer('audience_count').notNull(),
    status: text('status', { enum: BLAST_STATUSES }).notNull().default('running'),
    /** Each page's counts keyed by the lead id it started after ('' for the first): a retried page overwrites its own entry. */
    progress: jsonb('progress').$type<Record<string, BlastTotals>>().notNull().default({}),
    /** The workflow's own totals once it completed. */
    totals: jsonb('totals').$type<BlastTotals>(),
    error: text('error'),
    createdBy: text('created_by'),
    createdByEmail: text('created_by_email'),
    /** The audience cut-off: leads captured later are not in it. */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by'),
  },
  (t) => [uniqueIndex('blasts_request_id_key').on(t.requestId), index('blasts_started_idx').on(t.startedAt)],
);
