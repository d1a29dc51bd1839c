-- The analytics' market and tier filters keep a lead when any of its properties is in that market or tier. Each
-- statement built that set of leads by joining every property of the location to its links (on the benchmark,
-- 45 ms per statement, three statements per overview). Each property link now carries a copy of its property's
-- tier and market, and two partial indexes give a tier's or a market's leads in an index-only scan (4 ms).
--
-- The copies are kept exact by the triggers that already keep the pipeline rollup (0012):
-- - links inserted: the writer may fill the copies (the lead import does, from the properties it has just
--   scored); the trigger corrects every new link whose copies differ from its property, in the pass over the
--   new links and their properties it already made for the pipeline rows;
-- - properties whose tier or market changed (re-scoring, a re-import, a market deleted): their links' copies;
-- - `analytics_pipeline_rebuild` (a bulk load with the triggers off, or a repair) resets a location's copies.
-- A link update that only rewrites the copies changes no lead's pipeline row: the update trigger now recomputes
-- only the leads of links whose key changed.
ALTER TABLE "property_contacts" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "property_contacts" ADD COLUMN "market_id" uuid;--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_pipeline_links_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_pipeline_refresh(ARRAY(
    SELECT DISTINCT x.contact_id FROM (
      (SELECT o.property_id, o.contact_id FROM old_links o EXCEPT SELECT n.property_id, n.contact_id FROM new_links n)
      UNION ALL
      (SELECT n.property_id, n.contact_id FROM new_links n EXCEPT SELECT o.property_id, o.contact_id FROM old_links o)
    ) x));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- New property links: rows for leads that have none; the links' copies of their property's tier and market
-- where the writer left them out or got them wrong; then each lead's best new property replaces its main
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
  WITH linked AS MATERIALIZED (
    SELECT n.property_id, n.contact_id, n.tier AS copied_tier, n.market_id AS copied_market_id, p.score, p.tier, p.market_id
    FROM new_links n JOIN properties p ON p.id = n.property_id
  ),
  copies AS (
    UPDATE property_contacts pc SET tier = l.tier, market_id = l.market_id
    FROM linked l
    WHERE (l.copied_tier, l.copied_market_id) IS DISTINCT FROM (l.tier, l.market_id)
      AND pc.property_id = l.property_id AND pc.contact_id = l.contact_id
  )
  UPDATE analytics_lead_pipeline lp SET property_id = b.property_id, score = b.score, tier = b.tier, market_id = b.market_id
  FROM (
    SELECT DISTINCT ON (l.contact_id) l.contact_id, l.property_id, l.score, l.tier, l.market_id
    FROM linked l
    ORDER BY l.contact_id, l.score DESC NULLS LAST, l.property_id
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
-- Properties whose score, tier or market changed: their links' copies, then their leads' pipeline rows.
-- (A statement-level UPDATE trigger cannot name columns when it reads the transition tables, so the change
-- is found here.) The old and new rows are matched by a hash or merge join: both are transition tables,
-- without an index to probe, and a nested loop over them grew with the square of the rows updated (20,000
-- re-scored properties: 88 s).
CREATE OR REPLACE FUNCTION analytics_pipeline_properties_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE property_contacts pc SET tier = n.tier, market_id = n.market_id
  FROM new_properties n JOIN old_properties o ON o.id = n.id
  WHERE (o.tier, o.market_id) IS DISTINCT FROM (n.tier, n.market_id)
    AND pc.property_id = n.id AND (pc.tier, pc.market_id) IS DISTINCT FROM (n.tier, n.market_id);
  PERFORM analytics_pipeline_refresh(ARRAY(
    SELECT DISTINCT pc.contact_id
    FROM new_properties n JOIN old_properties o ON o.id = n.id
    JOIN property_contacts pc ON pc.property_id = n.id
    WHERE (o.score, o.tier, o.market_id) IS DISTINCT FROM (n.score, n.tier, n.market_id)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Rebuilds a location's rows, and its links' copies, from the sources in set-based statements (a bulk load
-- with the triggers off, or a repair). Run it only while nothing else writes to the location.
CREATE OR REPLACE FUNCTION analytics_pipeline_rebuild(p_location uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE property_contacts pc SET tier = p.tier, market_id = p.market_id
  FROM properties p
  WHERE p.location_id = p_location AND pc.property_id = p.id AND (pc.tier, pc.market_id) IS DISTINCT FROM (p.tier, p.market_id);
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
UPDATE property_contacts pc SET tier = p.tier, market_id = p.market_id
FROM properties p
WHERE pc.property_id = p.id AND (p.tier IS NOT NULL OR p.market_id IS NOT NULL);
--> statement-breakpoint
CREATE INDEX "property_contacts_tier" ON "property_contacts" USING btree ("tier", "contact_id") WHERE "tier" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "property_contacts_market" ON "property_contacts" USING btree ("market_id", "contact_id") WHERE "market_id" IS NOT NULL;
