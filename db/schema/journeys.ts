/** Journeys, their immutable published versions, and each lead's run through one. */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const journeys = pgTable('journeys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  status: text('status', { enum: ['draft', 'published', 'archived'] }).notNull().default('draft'),
  /** The canvas graph being edited (React Flow nodes and edges); never runs until published. */
  draftGraph: jsonb('draft_graph').$type<unknown>().notNull(),
  /** Bumped on every save so two tabs cannot silently overwrite each other. */
  draftRevision: integer('draft_revision').notNull().default(1),
  publishedVersion: integer('published_version'),
  isDefault: boolean('is_default').notNull().default(false),
  isTemplate: boolean('is_template').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const journeyVersions = pgTable(
  'journey_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    journeyId: uuid('journey_id').notNull().references(() => journeys.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<unknown>().notNull(),
    graph: jsonb('graph').$type<unknown>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('journey_versions_key').on(t.journeyId, t.version)],
);

export const journeyRuns = pgTable(
  'journey_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id').notNull(),
    journeyId: uuid('journey_id').notNull().references(() => journeys.id),
    journeyVersion: integer('journey_version').notNull(),
    workflowId: text('workflow_id').notNull(),
    currentNode: text('current_node'),
    status: text('status', { enum: ['starting', 'running', 'completed', 'archived', 'failed', 'cancelled'] }).notNull().default('starting'),
    /** Why a failed run failed ("NoOwner: …"), as the workflow reported it; cleared when ops retry it. */
    failureReason: text('failure_reason'),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** The wait the run is parked in (lib/journey/engine/park.ts): ingestion holds events that cannot change its path. */
    park: jsonb('park').$type<Record<string, unknown>>(),
    /** 1 for the lead's first entry into the journey, n for the n-th (re-entry rule). */
    entry: integer('entry').notNull().default(1),
    /** The journey's priority group at entry (lower-cased): a lead runs in at most one journey of a group at a time. */
    priorityGroup: text('priority_group'),
    /** The lead met the journey's goal: the conversion, counted for the journey and its A/B variants; the run exits. */
    goalReachedAt: timestamp('goal_reached_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('journey_runs_workflow_key').on(t.workflowId),
    index('journey_runs_lead_idx').on(t.leadId),
    // The database itself refuses a second live run of one journey, or of one priority group, for a lead: two concurrent enrolments cannot both win.
    uniqueIndex('journey_runs_live_journey_key').on(t.leadId, t.journeyId).where(sql`status in ('starting', 'running')`),
    uniqueIndex('journey_runs_live_group_key').on(t.leadId, t.priorityGroup).where(sql`status in ('starting', 'running') and priority_group is not null`),
  ],
);

/** Every node a run passes through: the lead timeline and the canvas overlay read this. */
export const journeySteps = pgTable(
  'journey_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    journeyId: uuid('journey_id').notNull(),
    journeyVersion: integer('journey_version').notNull(),
    nodeId: text('node_id').notNull(),
    kind: text('kind').notNull(),
    /** workflowId:nodeId:visit — a retried activity records the step once. */
    stepKey: text('step_key').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('journey_steps_key').on(t.stepKey), index('journey_steps_journey_idx').on(t.journeyId, t.nodeId)],
);

/** Events held for a parked run instead of waking it; applied, oldest first, when the run next wakes. */
export const absorbedEvents = pgTable(
  'absorbed_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id').notNull(),
    /** The lead event signal the run would have received. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** It released the wait and its pass walked straight back in: the wait's clock restarts at `at`. */
    loop: boolean('loop').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The park (`nodeId:visit`) whose unpark took it: kept, not deleted, so a retried unpark gets the same events again. */
    takenBy: text('taken_by'),
    /** When it was taken; taken rows are pruned a day later, long after any retry of that unpark. */
    takenAt: timestamp('taken_at', { withTimezone: true }),
  },
  (t) => [index('absorbed_events_workflow_idx').on(t.workflowId, t.id)],
);
