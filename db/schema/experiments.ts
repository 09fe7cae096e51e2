/** A/B tests set to pick their winner automatically: the rule, the durable runner's last look, and the winner it declared. */
import { integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Text } from '@/lib/i18n/server-text';
import { journeys } from './journeys';

export const AB_AUTO_METRICS = ['opened', 'clicked', 'converted'] as const;
export type AbAutoMetric = (typeof AB_AUTO_METRICS)[number];

/** One row per journey A/B node (split or email with variants); the winner routes new leads at that node on every version. */
export const abAutoWinners = pgTable(
  'ab_auto_winners',
  {
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    /** watching: the runner checks it on a timer; declared: the winner is set; off: the marketer turned it off. */
    status: text('status', { enum: ['watching', 'declared', 'off'] }).notNull().default('watching'),
    metric: text('metric', { enum: AB_AUTO_METRICS }).notNull(),
    /** Sent (or leads, for a split) every variant needs before a winner may be declared. */
    minPerVariant: integer('min_per_variant').notNull(),
    /** Confidence level in percent (e.g. 95 → alpha 0.05, split across variants). */
    confidence: integer('confidence').notNull(),
    /** Or decide once this moment has passed, even below the sample. */
    decideAfter: timestamp('decide_after', { withTimezone: true }),
    winner: text('winner'),
    pValue: real('p_value'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The runner's last verdict in words ("Waiting for the sample: 12 of 100 per variant."), for the panel. */
    lastReason: text('last_reason'),
    /** The same reason as a key with params, so the panel words it in the reader's language; null on rows written before it existed. */
    lastReasonText: jsonb('last_reason_text').$type<Text>(),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.nodeId] })],
);
