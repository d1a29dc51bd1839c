-- No query reads properties by owner key: owners are matched on contacts_location_owner_key. The index
-- cost every imported property one more index entry.
DROP INDEX IF EXISTS "properties_owner_key";
