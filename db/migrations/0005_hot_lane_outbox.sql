ALTER TABLE "signal_outbox" ALTER COLUMN "journey_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signal_outbox" ALTER COLUMN "journey_version" DROP NOT NULL;