DROP INDEX "contacts_location_phone";--> statement-breakpoint
DROP INDEX "contacts_location_email";--> statement-breakpoint
DROP INDEX "contacts_location_owner_key";--> statement-breakpoint
DROP INDEX "contacts_location_parcel";--> statement-breakpoint
CREATE INDEX "contacts_location_owner_key" ON "contacts" USING btree ("location_id","owner_key") WHERE "contacts"."owner_key" is not null;--> statement-breakpoint
CREATE INDEX "contacts_location_parcel" ON "contacts" USING btree ("location_id","parcel_id") WHERE "contacts"."parcel_id" is not null;