CREATE TABLE "sandbox_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"provider_id" text NOT NULL,
	"to_address" text NOT NULL,
	"from_address" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "send_time_arm" text;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "awaiting_touch_id" uuid;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "author" text;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "purpose" text DEFAULT 'marketing' NOT NULL;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "initiation" text DEFAULT 'automated' NOT NULL;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_outbox_key" ON "sandbox_outbox" USING btree ("channel","idempotency_key");--> statement-breakpoint
CREATE INDEX "sandbox_outbox_to" ON "sandbox_outbox" USING btree ("to_address","created_at");--> statement-breakpoint
CREATE INDEX "touches_dispatch" ON "touches" USING btree ("next_attempt_at") WHERE "touches"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "touches_in_flight" ON "touches" USING btree ("lease_until") WHERE "touches"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "touches_approval" ON "touches" USING btree ("location_id","created_at") WHERE "touches"."status" = 'awaiting_approval';