DROP INDEX "signal_outbox_pending_idx";--> statement-breakpoint
ALTER TABLE "signal_outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signal_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signal_outbox" ADD COLUMN "dead_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "signal_outbox_workflow_pending_idx" ON "signal_outbox" USING btree ("workflow_id","id") WHERE delivered_at is null and dead_at is null;--> statement-breakpoint
CREATE INDEX "signal_outbox_delivered_idx" ON "signal_outbox" USING btree ("delivered_at") WHERE delivered_at is not null;--> statement-breakpoint
CREATE INDEX "signal_outbox_dead_idx" ON "signal_outbox" USING btree ("dead_at") WHERE dead_at is not null;--> statement-breakpoint
CREATE INDEX "signal_outbox_pending_idx" ON "signal_outbox" USING btree ("id") WHERE delivered_at is null and dead_at is null;