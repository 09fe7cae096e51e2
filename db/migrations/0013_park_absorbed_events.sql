CREATE TABLE "absorbed_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"loop" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "journey_runs" ADD COLUMN "park" jsonb;--> statement-breakpoint
CREATE INDEX "absorbed_events_workflow_idx" ON "absorbed_events" USING btree ("workflow_id","id");