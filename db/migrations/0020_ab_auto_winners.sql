CREATE TABLE "ab_auto_winners" (
	"journey_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"status" text DEFAULT 'watching' NOT NULL,
	"metric" text NOT NULL,
	"min_per_variant" integer NOT NULL,
	"confidence" integer NOT NULL,
	"decide_after" timestamp with time zone,
	"winner" text,
	"p_value" real,
	"decided_at" timestamp with time zone,
	"last_reason" text,
	"last_checked_at" timestamp with time zone,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ab_auto_winners_journey_id_node_id_pk" PRIMARY KEY("journey_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "ab_auto_winners" ADD CONSTRAINT "ab_auto_winners_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;