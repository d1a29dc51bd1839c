-- A row without a parcel id is matched by its situs (normalised street line + ZIP) to a stored property that has a
-- parcel id, instead of becoming a second property of the same address. properties_location_situs (unique) covers
-- only parcel-less properties; this index covers the others. It is not unique: two parcels may share a street
-- line (lots, a duplex recorded without units), and then a parcel-less row cannot tell which it is.
-- Cost: one more index entry per property that has both a parcel id and a situs.
CREATE INDEX IF NOT EXISTS "properties_location_situs_parcel" ON "properties" USING btree ("location_id","situs_key") WHERE "properties"."parcel_id" is not null and "properties"."situs_key" is not null;
