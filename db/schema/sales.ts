/** The sales team and the hand-offs of hot leads to it. */
import type { HandoffChannelEntry } from '../../lib/journey/contract';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const salesOwners = pgTable(
  'sales_owners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    handle: text('handle').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    slackUserId: text('slack_user_id'),
    managerEmail: text('manager_email'),
    active: boolean('active').notNull().default(true),
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sales_owners_handle_key').on(t.handle)],
);

export const handoffs = pgTable(
  'handoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id').notNull(),
    ownerId: uuid('owner_id').notNull().references(() => salesOwners.id),
    reason: text('reason').notNull(),
    /** Idempotency: a workflow id + node + visit, or the API request's key. */
    requestKey: text('request_key').notNull(),
    workflowId: text('workflow_id').notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'escalated'] }).notNull().default('open'),
    slaMinutes: integer('sla_minutes').notNull().default(15),
    escalationMinutes: integer('escalation_minutes').notNull().default(30),
    remindersSent: integer('reminders_sent').notNull().default(0),
    crmTaskId: text('crm_task_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    ackToken: text('ack_token').notNull(),
    /** The latest outcome a rep recorded; qualified, won and disqualified close the hand-off on the desk. */
    outcome: text('outcome'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** What each channel (email, Slack, CRM) did for each notification; a permanent failure shows on the lead page. */
    channelLog: jsonb('channel_log').$type<HandoffChannelEntry[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('handoffs_request_key').on(t.requestKey), index('handoffs_lead_idx').on(t.leadId)],
);
