ALTER TABLE "suppressions" DROP CONSTRAINT "suppressions_list_value";--> statement-breakpoint
DROP INDEX "suppressions_value";--> statement-breakpoint
ALTER TABLE "communications" ADD COLUMN "purpose" text;--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_value_list" UNIQUE NULLS NOT DISTINCT("value","list","state","location_id");