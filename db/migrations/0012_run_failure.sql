ALTER TABLE "journey_runs" ADD COLUMN "failure_reason" text;--> statement-breakpoint
ALTER TABLE "journey_runs" ADD COLUMN "failed_at" timestamp with time zone;