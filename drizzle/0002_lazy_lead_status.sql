ALTER TABLE "lead_statuses" DROP CONSTRAINT "lead_statuses_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "contact_points" DROP CONSTRAINT "contact_points_location_id_locations_id_fk";
