CREATE TABLE "ab_tests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"name" text NOT NULL,
	"variants" text[] DEFAULT '{}'::text[] NOT NULL,
	"metric" text DEFAULT 'reply' NOT NULL,
	"alpha" real DEFAULT 0.05 NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"winner" text,
	"promoted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ab_tests_location" ON "ab_tests" USING btree ("location_id","created_at");--> statement-breakpoint
CREATE INDEX "ab_tests_campaign" ON "ab_tests" USING btree ("campaign_id","step");