CREATE TABLE "event_inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hot" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "event_inbox_event_id_key" ON "event_inbox" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_inbox_hot_idx" ON "event_inbox" USING btree ("lead_id") WHERE hot;