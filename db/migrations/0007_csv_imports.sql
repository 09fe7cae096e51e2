CREATE TABLE "lead_import_chunks" (
	"import_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"first_row" integer NOT NULL,
	"rows" jsonb NOT NULL,
	"dry_run" jsonb,
	"imported" jsonb,
	CONSTRAINT "lead_import_chunks_import_id_idx_pk" PRIMARY KEY("import_id","idx")
);
--> statement-breakpoint
CREATE TABLE "lead_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filename" text NOT NULL,
	"headers" jsonb NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text DEFAULT 'csv_import' NOT NULL,
	"enter_journeys" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lead_import_chunks" ADD CONSTRAINT "lead_import_chunks_import_id_lead_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."lead_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_imports_created_idx" ON "lead_imports" USING btree ("created_at");