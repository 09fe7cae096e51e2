/** The email provider's request budget across every worker process: when its next request may go. */
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const providerRate = pgTable('provider_rate', {
  /** e.g. `resend`: one row per provider account. */
  provider: text('provider').primaryKey(),
  nextAt: timestamp('next_at', { withTimezone: true, precision: 6 }).notNull(),
});
