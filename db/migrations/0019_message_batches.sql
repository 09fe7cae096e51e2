ALTER TABLE "messages" ADD COLUMN "batch_key" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "batch_index" integer;--> statement-breakpoint
CREATE INDEX "messages_batch_idx" ON "messages" USING btree ("batch_key");