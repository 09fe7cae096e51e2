ALTER TABLE "absorbed_events" ADD COLUMN "taken_by" text;--> statement-breakpoint
ALTER TABLE "absorbed_events" ADD COLUMN "taken_at" timestamp with time zone;