CREATE TABLE "blasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"name" text NOT NULL,
	"template" text NOT NULL,
	"audience" jsonb NOT NULL,
	"audience_count" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"totals" jsonb,
	"error" text,
	"created_by" text,
	"created_by_email" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"cancelled_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "blasts_request_id_key" ON "blasts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "blasts_started_idx" ON "blasts" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "messages_workflow_idx" ON "messages" USING btree ("workflow_id");