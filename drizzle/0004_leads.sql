ALTER TABLE "imports" ADD COLUMN "file_path" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "imports_location_fingerprint" ON "imports" USING btree ("location_id","fingerprint");