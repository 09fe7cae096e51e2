ALTER TABLE "journey_runs" ADD COLUMN "entry" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "journey_runs" ADD COLUMN "priority_group" text;--> statement-breakpoint
ALTER TABLE "journey_runs" ADD COLUMN "goal_reached_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "journey_runs_live_journey_key" ON "journey_runs" USING btree ("lead_id","journey_id") WHERE status in ('starting', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "journey_runs_live_group_key" ON "journey_runs" USING btree ("lead_id","priority_group") WHERE status in ('starting', 'running') and priority_group is not null;