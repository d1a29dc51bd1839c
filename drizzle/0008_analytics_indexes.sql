-- Analytics (hand-written; not expressible in the drizzle schema because of INCLUDE): range scans of sent
-- touches and of inbound messages by location and time, answered from the index alone.
CREATE INDEX IF NOT EXISTS "touches_location_sent" ON "touches" USING btree ("location_id", "sent_at") INCLUDE ("contact_id", "status", "channel", "campaign_id", "step", "variant", "template_key") WHERE "sent_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "communications_inbound" ON "communications" USING btree ("location_id", "occurred_at") INCLUDE ("contact_id", "intent") WHERE "direction" = 'inbound';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "deals_contact" ON "deals" USING btree ("contact_id");
