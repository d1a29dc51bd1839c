-- The pipeline rollup: one narrow row per lead that is anything but a bare `new` contact — it has a property,
-- a lead status, or it opted out. The row holds the lead's effective pipeline status ('opt_out' when the
-- contact opted out, else its lead status) and its main property (the highest score, nulls last, then the
-- lowest id) with that property's score, tier and market. `GET /v1/analytics/pipeline` counts these rows
-- and adds the location's other contacts as `new` without a property, instead of sorting every property
-- link of the location to find each lead's main property.
--
-- Kept by triggers, set-based where the writes are bulk:
-- - property links inserted (a lead import's COPY): per statement, a row is created for each lead that has
--   none, and a lead's main property is replaced only when a new property beats it — no recompute of the
--   lead's other links;
-- - property links deleted or moved, properties whose score, tier or market changed (re-scoring, a
--   re-import, a market deleted), lead statuses inserted, changed or deleted, opt-outs: the leads concerned
--   are recomputed from the sources.
-- A recompute first creates and locks the lead's row, and only then reads the sources: under READ COMMITTED
-- its statement sees every change committed by the transactions that held the row before it, so two
-- transactions changing the same lead cannot leave a stale row behind. The functions that look tables up run
-- with sequential scans, hash joins and merge joins off, so every join is a probe by key: PL/pgSQL keeps a
-- statement's plan for the connection, and a plan made while the rollup was nearly empty (a fresh install,
-- the first batches of an import) would otherwise read the whole table on every call as it grows.
CREATE TABLE "analytics_lead_pipeline" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text NOT NULL,
	"property_id" uuid,
	"score" real,
	"tier" text,
	"market_id" uuid
) WITH (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE "analytics_lead_pipeline" ADD CONSTRAINT "analytics_lead_pipeline_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_lead_pipeline_location" ON "analytics_lead_pipeline" USING btree ("location_id");--> statement-breakpoint
-- Recomputes the rows of the given leads from contacts, lead_statuses and their property links.
CREATE OR REPLACE FUNCTION analytics_pipeline_refresh(p_contacts uuid[]) RETURNS void LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  IF p_contacts IS NULL OR cardinality(p_contacts) = 0 THEN
    RETURN;
  END IF;
  -- Rows made and locked in key order, so two transactions working on overlapping sets cannot deadlock.
  INSERT INTO analytics_lead_pipeline (contact_id, location_id, status)
  SELECT c.id, c.location_id, 'new' FROM contacts c WHERE c.id = ANY (p_contacts) ORDER BY c.id
  ON CONFLICT (contact_id) DO NOTHING;
  PERFORM 1 FROM analytics_lead_pipeline lp WHERE lp.contact_id = ANY (p_contacts) ORDER BY lp.contact_id FOR UPDATE;
  UPDATE analytics_lead_pipeline lp SET status = x.status, property_id = x.property_id, score = x.score, tier = x.tier, market_id = x.market_id
  FROM (
    SELECT c.id, CASE WHEN c.opt_out THEN 'opt_out' ELSE coalesce(ls.status, 'new') END AS status, mp.property_id, mp.score, mp.tier, mp.market_id
    FROM contacts c
    LEFT JOIN lead_statuses ls ON ls.contact_id = c.id
    LEFT JOIN LATERAL (
      SELECT p.id AS property_id, p.score, p.tier, p.market_id
      FROM property_contacts pc JOIN properties p ON p.id = pc.property_id
      WHERE pc.contact_id = c.id
      ORDER BY p.score DESC NULLS LAST, p.id
      LIMIT 1
    ) mp ON true
    WHERE c.id = ANY (p_contacts)
  ) x
  WHERE lp.contact_id = x.id
    AND (lp.status, lp.property_id, lp.score, lp.tier, lp.market_id) IS DISTINCT FROM (x.status, x.property_id, x.score, x.tier, x.market_id);
END
$$;
--> statement-breakpoint
-- New property links: rows for leads that have none, then each lead's best new property replaces its main
-- property when it ranks higher (score descending, nulls last, then id). The UPDATE re-checks that
-- condition on the row's latest version when another transaction changed it meanwhile.
CREATE OR REPLACE FUNCTION analytics_pipeline_links_inserted() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  INSERT INTO analytics_lead_pipeline (contact_id, location_id, status)
  SELECT c.id, c.location_id, CASE WHEN c.opt_out THEN 'opt_out' ELSE coalesce(ls.status, 'new') END
  FROM (SELECT DISTINCT n.contact_id FROM new_links n
        WHERE NOT EXISTS (SELECT 1 FROM analytics_lead_pipeline x WHERE x.contact_id = n.contact_id)) n
  JOIN contacts c ON c.id = n.contact_id
  LEFT JOIN lead_statuses ls ON ls.contact_id = c.id
  ORDER BY c.id
  ON CONFLICT (contact_id) DO NOTHING;
  UPDATE analytics_lead_pipeline lp SET property_id = b.property_id, score = b.score, tier = b.tier, market_id = b.market_id
  FROM (
    SELECT DISTINCT ON (n.contact_id) n.contact_id, p.id AS property_id, p.score, p.tier, p.market_id
    FROM new_links n JOIN properties p ON p.id = n.property_id
    ORDER BY n.contact_id, p.score DESC NULLS LAST, p.id
  ) b
  WHERE lp.contact_id = b.contact_id
    AND (lp.property_id IS NULL
      OR (b.score IS NOT NULL AND lp.score IS NULL)
      OR b.score > lp.score
      OR (b.score IS NOT DISTINCT FROM lp.score AND b.property_id < lp.property_id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Rows deleted from a table with a contact_id (property links, lead statuses): their leads. Each delete
-- trigger names its transition table old_rows.
CREATE OR REPLACE FUNCTION analytics_pipeline_rows_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_pipeline_refresh(ARRAY(SELECT DISTINCT o.contact_id FROM old_rows o));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_pipeline_links_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_pipeline_refresh(ARRAY(
    SELECT o.contact_id FROM old_links o UNION SELECT n.contact_id FROM new_links n));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Properties whose score, tier or market changed: their leads. (A statement-level UPDATE trigger cannot
-- name columns when it reads the transition tables, so the change is found here.) The old and new rows are
-- matched by a hash or merge join: both are transition tables, without an index to probe, and a nested loop
-- over them grew with the square of the rows updated (20,000 re-scored properties: 88 s).
CREATE OR REPLACE FUNCTION analytics_pipeline_properties_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_pipeline_refresh(ARRAY(
    SELECT DISTINCT pc.contact_id
    FROM new_properties n JOIN old_properties o ON o.id = n.id
    JOIN property_contacts pc ON pc.property_id = n.id
    WHERE (o.score, o.tier, o.market_id) IS DISTINCT FROM (n.score, n.tier, n.market_id)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- New lead statuses: only the leads whose row does not already say so. A lead import writes a `new` status
-- for each new owner right after linking its properties, which made the owner's row with that status; and
-- a `new` status needs no row at all (a contact without one counts as `new`). Whatever else changes the
-- lead meanwhile (an opt-out, a link) recomputes the row itself.
CREATE OR REPLACE FUNCTION analytics_pipeline_statuses_inserted() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  PERFORM analytics_pipeline_refresh(ARRAY(
    SELECT DISTINCT n.contact_id FROM new_statuses n
    LEFT JOIN analytics_lead_pipeline lp ON lp.contact_id = n.contact_id
    WHERE CASE WHEN lp.contact_id IS NULL THEN n.status <> 'new' ELSE lp.status IS DISTINCT FROM n.status END));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- One lead (row triggers whose WHEN clause already found the change): a status changed, an opt-out.
CREATE OR REPLACE FUNCTION analytics_pipeline_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'contacts' THEN
    PERFORM analytics_pipeline_refresh(ARRAY[NEW.id]);
  ELSIF TG_OP = 'UPDATE' AND OLD.contact_id IS DISTINCT FROM NEW.contact_id THEN
    PERFORM analytics_pipeline_refresh(ARRAY[OLD.contact_id, NEW.contact_id]);
  ELSE
    PERFORM analytics_pipeline_refresh(ARRAY[NEW.contact_id]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_links_insert AFTER INSERT ON property_contacts
  REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION analytics_pipeline_links_inserted();
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_links_delete AFTER DELETE ON property_contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_pipeline_rows_deleted();
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_links_update AFTER UPDATE ON property_contacts
  REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION analytics_pipeline_links_updated();
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_properties_update AFTER UPDATE ON properties
  REFERENCING OLD TABLE AS old_properties NEW TABLE AS new_properties FOR EACH STATEMENT EXECUTE FUNCTION analytics_pipeline_properties_updated();
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_statuses_insert AFTER INSERT ON lead_statuses
  REFERENCING NEW TABLE AS new_statuses FOR EACH STATEMENT EXECUTE FUNCTION analytics_pipeline_statuses_inserted();
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_statuses_delete AFTER DELETE ON lead_statuses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_pipeline_rows_deleted();
--> statement-breakpoint
-- Delivering a touch upserts the lead's `contacted` status: an update that changes nothing fires nothing.
CREATE TRIGGER analytics_pipeline_status_update AFTER UPDATE OF status, contact_id ON lead_statuses FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.contact_id IS DISTINCT FROM NEW.contact_id)
  EXECUTE FUNCTION analytics_pipeline_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_opt_out_insert AFTER INSERT ON contacts FOR EACH ROW
  WHEN (NEW.opt_out) EXECUTE FUNCTION analytics_pipeline_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_pipeline_opt_out_update AFTER UPDATE OF opt_out ON contacts FOR EACH ROW
  WHEN (OLD.opt_out IS DISTINCT FROM NEW.opt_out) EXECUTE FUNCTION analytics_pipeline_row_changed();
--> statement-breakpoint
-- Rebuilds a location's rows from the sources in one set-based statement (a bulk load with the triggers
-- off, or a repair). Run it only while nothing else writes to the location.
CREATE OR REPLACE FUNCTION analytics_pipeline_rebuild(p_location uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM analytics_lead_pipeline WHERE location_id = p_location;
  INSERT INTO analytics_lead_pipeline (contact_id, location_id, status, property_id, score, tier, market_id)
  SELECT c.id, c.location_id, CASE WHEN c.opt_out THEN 'opt_out' ELSE coalesce(ls.status, 'new') END, mp.property_id, mp.score, mp.tier, mp.market_id
  FROM contacts c
  LEFT JOIN lead_statuses ls ON ls.contact_id = c.id
  LEFT JOIN (
    SELECT DISTINCT ON (pc.contact_id) pc.contact_id, p.id AS property_id, p.score, p.tier, p.market_id
    FROM property_contacts pc JOIN properties p ON p.id = pc.property_id
    WHERE p.location_id = p_location
    ORDER BY pc.contact_id, p.score DESC NULLS LAST, p.id
  ) mp ON mp.contact_id = c.id
  WHERE c.location_id = p_location AND (c.opt_out OR ls.contact_id IS NOT NULL OR mp.contact_id IS NOT NULL);
END
$$;
--> statement-breakpoint
SELECT analytics_pipeline_rebuild(l.id) FROM locations l;
