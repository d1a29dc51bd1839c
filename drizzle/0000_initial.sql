CREATE TABLE "compliance_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid,
	"touch_id" uuid,
	"enrollment_id" uuid,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"to_address" text NOT NULL,
	"decision" text NOT NULL,
	"not_before" timestamp with time zone,
	"rules" text[] DEFAULT '{}'::text[] NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"source" text NOT NULL,
	"text_shown" text,
	"address" text,
	"ip" text,
	"evidence" jsonb,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppression_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"list" text NOT NULL,
	"location_id" uuid,
	"state" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'full' NOT NULL,
	"list_date" date NOT NULL,
	"file_name" text,
	"added" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"bad_lines" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppressions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "suppressions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"list" text NOT NULL,
	"location_id" uuid,
	"state" text DEFAULT '' NOT NULL,
	"value" text NOT NULL,
	"list_date" date,
	"reason" text,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressions_list_value" UNIQUE NULLS NOT DISTINCT("list","state","value","location_id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid,
	"kind" text NOT NULL,
	"severity" text DEFAULT 'warning' NOT NULL,
	"message" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"details" jsonb,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "alerts_dedupe" UNIQUE NULLS NOT DISTINCT("location_id","dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "communications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"campaign_id" uuid,
	"touch_id" uuid,
	"direction" text NOT NULL,
	"channel" text NOT NULL,
	"from_address" text,
	"to_address" text,
	"subject" text,
	"body_enc" text,
	"sentiment_score" real,
	"intent" text,
	"intent_confidence" real,
	"objection" text,
	"author" text,
	"provider" text,
	"provider_message_id" text,
	"status" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_states" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"current_state" text DEFAULT 'idle' NOT NULL,
	"conversation_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"human_takeover" boolean DEFAULT false NOT NULL,
	"takeover_at" timestamp with time zone,
	"takeover_by" text,
	"released_at" timestamp with time zone,
	"last_inbound_at" timestamp with time zone,
	"last_outbound_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handoffs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"notify_count" integer DEFAULT 0 NOT NULL,
	"last_notified_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_statuses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"last_contact_date" timestamp with time zone,
	"assigned_to" text,
	"changed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text,
	"body_enc" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"dedupe_key" text NOT NULL,
	"handoff_id" uuid,
	"error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objection_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"communication_id" uuid,
	"objection_type" text NOT NULL,
	"raw_message_enc" text,
	"rebuttal_used" text,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prospects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"property_id" uuid,
	"source" text NOT NULL,
	"lead_type" text,
	"frs_score" real,
	"pcs_score" real,
	"enrolled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qualification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"frs_score" real,
	"pcs_score" real,
	"confidence" real,
	"lead_type" text,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"gate_passed" boolean DEFAULT false NOT NULL,
	"handoff_target" text,
	"disqualify_reason" text,
	"evaluated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"location_id" uuid,
	"kind" text,
	"status" text DEFAULT 'received' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "contact_points" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"line_type" text,
	"verified" boolean DEFAULT false NOT NULL,
	"confidence" real,
	"source" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"parcel_id" text,
	"owner_name" text,
	"first_name" text,
	"last_name" text,
	"phone" text,
	"email" text,
	"phone_verified" boolean DEFAULT false NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"line_type" text,
	"confidence" real,
	"source" text DEFAULT 'manual' NOT NULL,
	"opt_out" boolean DEFAULT false NOT NULL,
	"opted_out_at" timestamp with time zone,
	"owner_key" text,
	"mailing_address" text,
	"mailing_city" text,
	"mailing_state" text,
	"mailing_zip" text,
	"time_zone" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ghl_contact_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text,
	"preset" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "markets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"county" text,
	"state" text NOT NULL,
	"time_zone" text NOT NULL,
	"dor_county_number" integer,
	"sources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tier_thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"local_context" text,
	"active" boolean DEFAULT true NOT NULL,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "properties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"market_id" uuid,
	"parcel_id" text,
	"parcel_id_display" text,
	"situs_address" text,
	"situs_city" text,
	"situs_state" text,
	"situs_zip" text,
	"situs_key" text,
	"owner_name" text,
	"owner_key" text,
	"mailing_address" text,
	"mailing_city" text,
	"mailing_state" text,
	"mailing_zip" text,
	"just_value" numeric(14, 2),
	"land_value" numeric(14, 2),
	"building_value" numeric(14, 2),
	"estimated_value" numeric(14, 2),
	"last_sale_price" numeric(14, 2),
	"last_sale_date" date,
	"homestead" boolean,
	"use_code" text,
	"signals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score" real,
	"tier" text,
	"score_contributions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scored_at" timestamp with time zone,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_ref" text,
	"raw" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_contacts" (
	"property_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"role" text DEFAULT 'owner' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_contacts_property_id_contact_id_pk" PRIMARY KEY("property_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"delay_minutes" integer DEFAULT 0 NOT NULL,
	"template_key" text,
	"variant_weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text DEFAULT 'drip' NOT NULL,
	"target_tiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_markets" text[] DEFAULT '{}'::text[] NOT NULL,
	"schedule_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"caps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "costs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_usd" numeric(12, 5) NOT NULL,
	"units" numeric(14, 3),
	"unit_label" text,
	"campaign_id" uuid,
	"contact_id" uuid,
	"touch_id" uuid,
	"meta" jsonb,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid,
	"property_id" uuid,
	"campaign_id" uuid,
	"touch_id" uuid,
	"price" numeric(14, 2),
	"profit" numeric(14, 2),
	"kind" text DEFAULT 'assignment' NOT NULL,
	"list_source" text,
	"distress_signal" text,
	"first_contact_at" timestamp with time zone,
	"closed_at" timestamp with time zone NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'ENROLLED' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ab_variant" text,
	"next_touch_at" timestamp with time zone,
	"last_touch_at" timestamp with time zone,
	"enrolled_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"touch" integer,
	"response_to" text,
	"market_key" text,
	"subject" text,
	"body" text NOT NULL,
	"variables" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_templates_location_key" UNIQUE NULLS NOT DISTINCT("location_id","key")
);
--> statement-breakpoint
CREATE TABLE "touches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"enrollment_id" uuid,
	"campaign_id" uuid,
	"contact_id" uuid NOT NULL,
	"step" integer,
	"step_name" text,
	"channel" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"to_address" text NOT NULL,
	"from_address" text,
	"subject" text,
	"body_enc" text,
	"template_key" text,
	"variant" text,
	"segments" integer,
	"cost_usd" numeric(12, 5),
	"provider" text,
	"provider_message_id" text,
	"error_code" text,
	"error_message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"compliance_decision_id" uuid,
	"scheduled_for" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"business_name" text NOT NULL,
	"postal_address" text,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"phone" text,
	"email" text,
	"agent_name" text,
	"daily_sms_cap" integer DEFAULT 500 NOT NULL,
	"max_messages_per_contact_per_day" integer DEFAULT 1 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ghl_location_id" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "setting_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"setting" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"changed_by" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compliance_decisions" ADD CONSTRAINT "compliance_decisions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_decisions" ADD CONSTRAINT "compliance_decisions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppression_lists" ADD CONSTRAINT "suppression_lists_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_touch_id_touches_id_fk" FOREIGN KEY ("touch_id") REFERENCES "public"."touches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_states" ADD CONSTRAINT "conversation_states_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_states" ADD CONSTRAINT "conversation_states_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_statuses" ADD CONSTRAINT "lead_statuses_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_statuses" ADD CONSTRAINT "lead_statuses_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_logs" ADD CONSTRAINT "objection_logs_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_logs" ADD CONSTRAINT "objection_logs_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_logs" ADD CONSTRAINT "objection_logs_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prospects" ADD CONSTRAINT "prospects_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prospects" ADD CONSTRAINT "prospects_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prospects" ADD CONSTRAINT "prospects_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification" ADD CONSTRAINT "qualification_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification" ADD CONSTRAINT "qualification_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markets" ADD CONSTRAINT "markets_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "properties" ADD CONSTRAINT "properties_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "properties" ADD CONSTRAINT "properties_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_contacts" ADD CONSTRAINT "property_contacts_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_contacts" ADD CONSTRAINT "property_contacts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_steps" ADD CONSTRAINT "campaign_steps_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costs" ADD CONSTRAINT "costs_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_touch_id_touches_id_fk" FOREIGN KEY ("touch_id") REFERENCES "public"."touches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_compliance_decision_id_compliance_decisions_id_fk" FOREIGN KEY ("compliance_decision_id") REFERENCES "public"."compliance_decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setting_changes" ADD CONSTRAINT "setting_changes_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compliance_decisions_contact" ON "compliance_decisions" USING btree ("location_id","contact_id","decided_at");--> statement-breakpoint
CREATE INDEX "compliance_decisions_touch" ON "compliance_decisions" USING btree ("touch_id");--> statement-breakpoint
CREATE INDEX "compliance_decisions_location_time" ON "compliance_decisions" USING btree ("location_id","decided_at");--> statement-breakpoint
CREATE INDEX "consent_events_contact" ON "consent_events" USING btree ("contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "suppression_lists_list_date" ON "suppression_lists" USING btree ("list","list_date");--> statement-breakpoint
CREATE INDEX "suppressions_value" ON "suppressions" USING btree ("value");--> statement-breakpoint
CREATE INDEX "communications_contact_time" ON "communications" USING btree ("contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "communications_location_time" ON "communications" USING btree ("location_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "communications_provider_message" ON "communications" USING btree ("location_id","provider","provider_message_id") WHERE "communications"."provider_message_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_states_contact" ON "conversation_states" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "conversation_states_takeover" ON "conversation_states" USING btree ("location_id","human_takeover");--> statement-breakpoint
CREATE INDEX "handoffs_location_status" ON "handoffs" USING btree ("location_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_statuses_contact" ON "lead_statuses" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "lead_statuses_location_status" ON "lead_statuses" USING btree ("location_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe" ON "notifications" USING btree ("location_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "objection_logs_location" ON "objection_logs" USING btree ("location_id","objection_type","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prospects_contact" ON "prospects" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "qualification_contact" ON "qualification" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_provider_event" ON "webhook_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_points_location_value" ON "contact_points" USING btree ("location_id","kind","value");--> statement-breakpoint
CREATE INDEX "contact_points_contact" ON "contact_points" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contacts_location_created" ON "contacts" USING btree ("location_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contacts_location_phone" ON "contacts" USING btree ("location_id","phone");--> statement-breakpoint
CREATE INDEX "contacts_location_email" ON "contacts" USING btree ("location_id","email");--> statement-breakpoint
CREATE INDEX "contacts_location_owner_key" ON "contacts" USING btree ("location_id","owner_key");--> statement-breakpoint
CREATE INDEX "contacts_location_parcel" ON "contacts" USING btree ("location_id","parcel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_location_ghl" ON "contacts" USING btree ("location_id","ghl_contact_id") WHERE "contacts"."ghl_contact_id" is not null;--> statement-breakpoint
CREATE INDEX "imports_location_created" ON "imports" USING btree ("location_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "markets_location_key" ON "markets" USING btree ("location_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "properties_location_parcel" ON "properties" USING btree ("location_id","parcel_id") WHERE "properties"."parcel_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "properties_location_situs" ON "properties" USING btree ("location_id","situs_key") WHERE "properties"."parcel_id" is null and "properties"."situs_key" is not null;--> statement-breakpoint
CREATE INDEX "properties_location_tier" ON "properties" USING btree ("location_id","tier","score");--> statement-breakpoint
CREATE INDEX "properties_location_market" ON "properties" USING btree ("location_id","market_id");--> statement-breakpoint
CREATE INDEX "properties_owner_key" ON "properties" USING btree ("location_id","owner_key");--> statement-breakpoint
CREATE INDEX "property_contacts_contact" ON "property_contacts" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_steps_position" ON "campaign_steps" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE INDEX "campaigns_location" ON "campaigns" USING btree ("location_id","created_at");--> statement-breakpoint
CREATE INDEX "costs_location_time" ON "costs" USING btree ("location_id","occurred_at");--> statement-breakpoint
CREATE INDEX "deals_location_closed" ON "deals" USING btree ("location_id","closed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_campaign_contact" ON "enrollments" USING btree ("campaign_id","contact_id");--> statement-breakpoint
CREATE INDEX "enrollments_due" ON "enrollments" USING btree ("next_touch_at") WHERE "enrollments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "enrollments_contact" ON "enrollments" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "touches_idempotency_key" ON "touches" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "touches_contact" ON "touches" USING btree ("contact_id","created_at");--> statement-breakpoint
CREATE INDEX "touches_provider_message" ON "touches" USING btree ("provider","provider_message_id");--> statement-breakpoint
CREATE INDEX "touches_location_status" ON "touches" USING btree ("location_id","status","created_at");--> statement-breakpoint
CREATE INDEX "touches_campaign" ON "touches" USING btree ("campaign_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "api_keys_location_idx" ON "api_keys" USING btree ("location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "locations_ghl_location_id_key" ON "locations" USING btree ("ghl_location_id") WHERE "locations"."ghl_location_id" is not null;--> statement-breakpoint
CREATE INDEX "setting_changes_location_idx" ON "setting_changes" USING btree ("location_id","created_at");