-- Each touch in the rollup carries what the statements used to find by grouping or sorting every touch in
-- the range per lead and joining the lead rollup:
-- - links: the send time of the lead's campaign touch before and after it — among all its touches, on the
--   same channel, in the same campaign (ties by touch id). A lead enters the cohort of [from, to) at the touch
--   whose previous send (in the scope's partition) is before `from`; the touch a reply answers is the one
--   before the next send;
-- - the lead's replies at or after the touch's send time: the first one, how many, how many interested, and
--   the same for replies on the touch's channel (a call back counts for voicemail);
-- - the lead's pipeline status analytics reads, opt-out and last deal, copied from analytics_lead_facts.
-- So a statement is one pass over the range's touch rows. They are kept per lead by
-- analytics_sync_lead_touches, run by the touch trigger and after every change of the lead's rollup row.
ALTER TABLE "analytics_touches" ADD COLUMN "prev_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "next_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "prev_channel_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "next_channel_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "prev_campaign_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "next_campaign_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "reply_first_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "reply_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "reply_interested" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "channel_reply_first_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "channel_reply_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "channel_reply_interested" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "lead_status" text;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "lead_opted_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "lead_last_deal_at" timestamp with time zone;--> statement-breakpoint
-- Room on each page for the derived columns' updates (none of them is indexed), so a send or a reply
-- rewrites the lead's rows in place (HOT) instead of adding index entries.
ALTER TABLE "analytics_touches" SET (fillfactor = 80);--> statement-breakpoint
CREATE INDEX "analytics_touches_contact_sent" ON "analytics_touches" USING btree ("contact_id","sent_at");--> statement-breakpoint
-- Recomputes the derived columns of one lead's touches (a handful of rows) from its touch rows and its lead
-- rollup row. The lead rollup row is the lead's lock (created if missing, as analytics_refresh_lead does):
-- under READ COMMITTED the UPDATE then sees every committed touch and reply of the lead, so a send and a
-- reply for the same lead in two transactions cannot leave stale figures behind, and a batch of sends takes
-- row locks, not entries in the shared lock table.
CREATE OR REPLACE FUNCTION analytics_sync_lead_touches(p_contact uuid) RETURNS void LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF p_contact IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO analytics_lead_facts (contact_id, location_id)
    SELECT c.id, c.location_id FROM contacts c WHERE c.id = p_contact
    ON CONFLICT (contact_id) DO NOTHING;
  PERFORM 1 FROM analytics_lead_facts f WHERE f.contact_id = p_contact FOR UPDATE;
  UPDATE analytics_touches t SET
    prev_sent_at = x.p, next_sent_at = x.n, prev_channel_sent_at = x.pch, next_channel_sent_at = x.nch,
    prev_campaign_sent_at = x.pcp, next_campaign_sent_at = x.ncp,
    reply_first_at = x.first_at, reply_count = x.n_all, reply_interested = x.n_int,
    channel_reply_first_at = x.ch_first_at, channel_reply_count = x.ch_n_all, channel_reply_interested = x.ch_n_int,
    lead_status = x.status, lead_opted_out = x.opted_out, lead_last_deal_at = x.last_deal_at
  FROM (
  SELECT a.touch_id,
         lag(a.sent_at) OVER w AS p, lead(a.sent_at) OVER w AS n,
         lag(a.sent_at) OVER wch AS pch, lead(a.sent_at) OVER wch AS nch,
         lag(a.sent_at) OVER wcp AS pcp, lead(a.sent_at) OVER wcp AS ncp,
         r.first_at, r.n_all, r.n_int, r.ch_first_at, r.ch_n_all, r.ch_n_int,
         f.status, coalesce(f.opted_out, false) AS opted_out, f.last_deal_at
  FROM analytics_touches a
  LEFT JOIN analytics_lead_facts f ON f.contact_id = a.contact_id
  LEFT JOIN LATERAL (
    SELECT min(u.at) AS first_at, count(*)::int AS n_all, (count(*) FILTER (WHERE u.i = 'interested'))::int AS n_int,
           min(u.at) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel) AS ch_first_at,
           (count(*) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel))::int AS ch_n_all,
           (count(*) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel AND u.i = 'interested'))::int AS ch_n_int
    FROM unnest(f.reply_at, f.reply_channel, f.reply_intent) AS u(at, ch, i) WHERE u.at >= a.sent_at
  ) r ON true
  WHERE a.contact_id = p_contact
  WINDOW w AS (PARTITION BY a.location_id ORDER BY a.sent_at, a.touch_id),
         wch AS (PARTITION BY a.location_id, a.channel ORDER BY a.sent_at, a.touch_id),
         wcp AS (PARTITION BY a.location_id, a.campaign_id ORDER BY a.sent_at, a.touch_id)
  ) x
  WHERE t.touch_id = x.touch_id
    AND (t.prev_sent_at, t.next_sent_at, t.prev_channel_sent_at, t.next_channel_sent_at, t.prev_campaign_sent_at, t.next_campaign_sent_at,
         t.reply_first_at, t.reply_count, t.reply_interested, t.channel_reply_first_at, t.channel_reply_count, t.channel_reply_interested,
         t.lead_status, t.lead_opted_out, t.lead_last_deal_at)
        IS DISTINCT FROM (x.p, x.n, x.pch, x.nch, x.pcp, x.ncp, x.first_at, x.n_all, x.n_int, x.ch_first_at, x.ch_n_all, x.ch_n_int, x.status, x.opted_out, x.last_deal_at);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_touch_sync() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM analytics_touches WHERE touch_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('sent', 'delivered') AND NEW.campaign_id IS NOT NULL AND NEW.sent_at IS NOT NULL THEN
    INSERT INTO analytics_touches (touch_id, location_id, contact_id, sent_at, campaign_id, step, channel, template_key, variant, cost_usd, replied_at)
    VALUES (NEW.id, NEW.location_id, NEW.contact_id, NEW.sent_at, NEW.campaign_id, NEW.step, NEW.channel, NEW.template_key, NEW.variant, NEW.cost_usd, NEW.replied_at);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM analytics_sync_lead_touches(OLD.contact_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.contact_id IS DISTINCT FROM OLD.contact_id) THEN
    PERFORM analytics_sync_lead_touches(NEW.contact_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- As in 0010, then the lead's touch rows.
CREATE OR REPLACE FUNCTION analytics_refresh_lead(p_contact uuid) RETURNS void LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
  loc uuid;
BEGIN
  IF p_contact IS NULL THEN
    RETURN;
  END IF;
  SELECT c.location_id INTO loc FROM contacts c WHERE c.id = p_contact;
  IF loc IS NULL THEN
    -- The contact is being deleted: the foreign key cascade removes its row.
    RETURN;
  END IF;
  INSERT INTO analytics_lead_facts (contact_id, location_id) VALUES (p_contact, loc) ON CONFLICT (contact_id) DO NOTHING;
  PERFORM 1 FROM analytics_lead_facts f WHERE f.contact_id = p_contact FOR UPDATE;
  UPDATE analytics_lead_facts f SET
    (reply_at, reply_channel, reply_intent, first_reply_at, last_reply_at, replies, interested_replies) = (
      SELECT coalesce(array_agg(m.occurred_at ORDER BY m.occurred_at, m.id), '{}'),
             coalesce(array_agg(m.channel ORDER BY m.occurred_at, m.id), '{}'),
             coalesce(array_agg(m.intent ORDER BY m.occurred_at, m.id), '{}'),
             min(m.occurred_at), max(m.occurred_at), count(*)::int,
             (count(*) FILTER (WHERE m.intent = 'interested'))::int
      FROM communications m WHERE m.contact_id = p_contact AND m.direction = 'inbound'),
    status = (SELECT ls.status FROM lead_statuses ls WHERE ls.contact_id = p_contact AND ls.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out')),
    (opted_out, opted_out_at) = (SELECT c.opt_out, c.opted_out_at FROM contacts c WHERE c.id = p_contact),
    last_deal_at = (SELECT max(d.closed_at) FROM deals d WHERE d.contact_id = p_contact),
    updated_at = now()
  WHERE f.contact_id = p_contact;
  PERFORM analytics_sync_lead_touches(p_contact);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_inbound_insert() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  UPDATE analytics_lead_facts f SET
    reply_at = f.reply_at || NEW.occurred_at,
    reply_channel = f.reply_channel || NEW.channel,
    reply_intent = f.reply_intent || NEW.intent,
    first_reply_at = coalesce(f.first_reply_at, NEW.occurred_at),
    last_reply_at = NEW.occurred_at,
    replies = f.replies + 1,
    interested_replies = f.interested_replies + CASE WHEN NEW.intent = 'interested' THEN 1 ELSE 0 END,
    updated_at = now()
  WHERE f.contact_id = NEW.contact_id AND (f.last_reply_at IS NULL OR f.last_reply_at < NEW.occurred_at);
  IF FOUND THEN
    PERFORM analytics_sync_lead_touches(NEW.contact_id);
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM analytics_lead_facts f WHERE f.contact_id = NEW.contact_id) THEN
    -- The lead's first reply (every lead with a committed reply has a row): a new row from key lookups only,
    -- then the append. A concurrent first reply makes the insert wait and do nothing; the append then builds
    -- on that transaction's row, or falls through to the recompute below when this message is older.
    INSERT INTO analytics_lead_facts (contact_id, location_id, status, opted_out, opted_out_at, last_deal_at)
    SELECT c.id, c.location_id,
           (SELECT ls.status FROM lead_statuses ls WHERE ls.contact_id = c.id AND ls.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out')),
           c.opt_out, c.opted_out_at, (SELECT max(d.closed_at) FROM deals d WHERE d.contact_id = c.id)
    FROM contacts c WHERE c.id = NEW.contact_id
    ON CONFLICT (contact_id) DO NOTHING;
    UPDATE analytics_lead_facts f SET
      reply_at = f.reply_at || NEW.occurred_at,
      reply_channel = f.reply_channel || NEW.channel,
      reply_intent = f.reply_intent || NEW.intent,
      first_reply_at = coalesce(f.first_reply_at, NEW.occurred_at),
      last_reply_at = NEW.occurred_at,
      replies = f.replies + 1,
      interested_replies = f.interested_replies + CASE WHEN NEW.intent = 'interested' THEN 1 ELSE 0 END,
      updated_at = now()
    WHERE f.contact_id = NEW.contact_id AND (f.last_reply_at IS NULL OR f.last_reply_at < NEW.occurred_at);
    IF FOUND THEN
      PERFORM analytics_sync_lead_touches(NEW.contact_id);
      RETURN NULL;
    END IF;
  END IF;
  PERFORM analytics_refresh_lead(NEW.contact_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The touches already in the rollup.
UPDATE analytics_touches t SET
    prev_sent_at = x.p, next_sent_at = x.n, prev_channel_sent_at = x.pch, next_channel_sent_at = x.nch,
    prev_campaign_sent_at = x.pcp, next_campaign_sent_at = x.ncp,
    reply_first_at = x.first_at, reply_count = x.n_all, reply_interested = x.n_int,
    channel_reply_first_at = x.ch_first_at, channel_reply_count = x.ch_n_all, channel_reply_interested = x.ch_n_int,
    lead_status = x.status, lead_opted_out = x.opted_out, lead_last_deal_at = x.last_deal_at
FROM (
  SELECT a.touch_id,
         lag(a.sent_at) OVER w AS p, lead(a.sent_at) OVER w AS n,
         lag(a.sent_at) OVER wch AS pch, lead(a.sent_at) OVER wch AS nch,
         lag(a.sent_at) OVER wcp AS pcp, lead(a.sent_at) OVER wcp AS ncp,
         r.first_at, r.n_all, r.n_int, r.ch_first_at, r.ch_n_all, r.ch_n_int,
         f.status, coalesce(f.opted_out, false) AS opted_out, f.last_deal_at
  FROM analytics_touches a
  LEFT JOIN analytics_lead_facts f ON f.contact_id = a.contact_id
  LEFT JOIN LATERAL (
    SELECT min(u.at) AS first_at, count(*)::int AS n_all, (count(*) FILTER (WHERE u.i = 'interested'))::int AS n_int,
           min(u.at) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel) AS ch_first_at,
           (count(*) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel))::int AS ch_n_all,
           (count(*) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel AND u.i = 'interested'))::int AS ch_n_int
    FROM unnest(f.reply_at, f.reply_channel, f.reply_intent) AS u(at, ch, i) WHERE u.at >= a.sent_at
  ) r ON true
  WINDOW w AS (PARTITION BY a.location_id, a.contact_id ORDER BY a.sent_at, a.touch_id),
         wch AS (PARTITION BY a.location_id, a.contact_id, a.channel ORDER BY a.sent_at, a.touch_id),
         wcp AS (PARTITION BY a.location_id, a.contact_id, a.campaign_id ORDER BY a.sent_at, a.touch_id)
) x
WHERE t.touch_id = x.touch_id;
--> statement-breakpoint
-- Rebuilds one location's analytics rollups from the source tables, in set-based statements: what the
-- migrations' backfills do, as one function, for a bulk load that ran with the rollup triggers disabled
-- (the analytics bench) or a repair. It holds no lock beyond the rows it writes: run it while nothing else
-- writes to the location, or the rows written meanwhile may be rebuilt from an older snapshot.
CREATE OR REPLACE FUNCTION analytics_rebuild(p_location uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM analytics_touches WHERE location_id = p_location;
  DELETE FROM analytics_lead_facts WHERE location_id = p_location;
  INSERT INTO analytics_lead_facts (contact_id, location_id, reply_at, reply_channel, reply_intent, first_reply_at, last_reply_at, replies, interested_replies, status, opted_out, opted_out_at, last_deal_at)
  SELECT c.id, c.location_id,
         coalesce(r.reply_at, '{}'), coalesce(r.reply_channel, '{}'), coalesce(r.reply_intent, '{}'), r.first_reply_at, r.last_reply_at,
         coalesce(r.replies, 0), coalesce(r.interested_replies, 0), ls.status, c.opt_out, c.opted_out_at, d.last_deal_at
  FROM contacts c
  LEFT JOIN (
    SELECT m.contact_id, array_agg(m.occurred_at ORDER BY m.occurred_at, m.id) AS reply_at, array_agg(m.channel ORDER BY m.occurred_at, m.id) AS reply_channel,
           array_agg(m.intent ORDER BY m.occurred_at, m.id) AS reply_intent, min(m.occurred_at) AS first_reply_at, max(m.occurred_at) AS last_reply_at,
           count(*)::int AS replies, (count(*) FILTER (WHERE m.intent = 'interested'))::int AS interested_replies
    FROM communications m JOIN contacts mc ON mc.id = m.contact_id AND mc.location_id = p_location
    WHERE m.direction = 'inbound' GROUP BY m.contact_id
  ) r ON r.contact_id = c.id
  LEFT JOIN lead_statuses ls ON ls.contact_id = c.id AND ls.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out')
  LEFT JOIN (SELECT dd.contact_id, max(dd.closed_at) AS last_deal_at FROM deals dd WHERE dd.contact_id IS NOT NULL GROUP BY dd.contact_id) d ON d.contact_id = c.id
  WHERE c.location_id = p_location
    AND (r.contact_id IS NOT NULL OR ls.contact_id IS NOT NULL OR c.opt_out OR c.opted_out_at IS NOT NULL OR d.contact_id IS NOT NULL);
  -- The touches in send-time order (as they arrive in production), then their derived columns in one pass.
  CREATE TEMP TABLE analytics_rebuild_touches ON COMMIT DROP AS
  SELECT t.id AS touch_id, t.location_id, t.contact_id, t.sent_at, t.campaign_id, t.step, t.channel, t.template_key, t.variant, t.cost_usd, t.replied_at
  FROM touches t
  WHERE t.location_id = p_location AND t.status IN ('sent', 'delivered') AND t.campaign_id IS NOT NULL AND t.sent_at IS NOT NULL;
  INSERT INTO analytics_touches (touch_id, location_id, contact_id, sent_at, campaign_id, step, channel, template_key, variant, cost_usd, replied_at,
                                 prev_sent_at, next_sent_at, prev_channel_sent_at, next_channel_sent_at, prev_campaign_sent_at, next_campaign_sent_at,
                                 reply_first_at, reply_count, reply_interested, channel_reply_first_at, channel_reply_count, channel_reply_interested,
                                 lead_status, lead_opted_out, lead_last_deal_at)
  SELECT a.touch_id, a.location_id, a.contact_id, a.sent_at, a.campaign_id, a.step, a.channel, a.template_key, a.variant, a.cost_usd, a.replied_at,
         x.p, x.n, x.pch, x.nch, x.pcp, x.ncp, x.first_at, x.n_all, x.n_int, x.ch_first_at, x.ch_n_all, x.ch_n_int, x.status, x.opted_out, x.last_deal_at
  FROM analytics_rebuild_touches a
  JOIN (
  SELECT a.touch_id,
         lag(a.sent_at) OVER w AS p, lead(a.sent_at) OVER w AS n,
         lag(a.sent_at) OVER wch AS pch, lead(a.sent_at) OVER wch AS nch,
         lag(a.sent_at) OVER wcp AS pcp, lead(a.sent_at) OVER wcp AS ncp,
         r.first_at, r.n_all, r.n_int, r.ch_first_at, r.ch_n_all, r.ch_n_int,
         f.status, coalesce(f.opted_out, false) AS opted_out, f.last_deal_at
  FROM analytics_rebuild_touches a
  LEFT JOIN analytics_lead_facts f ON f.contact_id = a.contact_id
  LEFT JOIN LATERAL (
    SELECT min(u.at) AS first_at, count(*)::int AS n_all, (count(*) FILTER (WHERE u.i = 'interested'))::int AS n_int,
           min(u.at) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel) AS ch_first_at,
           (count(*) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel))::int AS ch_n_all,
           (count(*) FILTER (WHERE (CASE u.ch WHEN 'voice' THEN 'voicemail' ELSE u.ch END) = a.channel AND u.i = 'interested'))::int AS ch_n_int
    FROM unnest(f.reply_at, f.reply_channel, f.reply_intent) AS u(at, ch, i) WHERE u.at >= a.sent_at
  ) r ON true
  WINDOW w AS (PARTITION BY a.location_id, a.contact_id ORDER BY a.sent_at, a.touch_id),
         wch AS (PARTITION BY a.location_id, a.contact_id, a.channel ORDER BY a.sent_at, a.touch_id),
         wcp AS (PARTITION BY a.location_id, a.contact_id, a.campaign_id ORDER BY a.sent_at, a.touch_id)
  ) x ON x.touch_id = a.touch_id
  ORDER BY a.sent_at;
  DROP TABLE analytics_rebuild_touches;
END
$$;
--> statement-breakpoint
-- Range counts answered from the index alone (INCLUDE is hand-written: the drizzle schema cannot express it;
-- same names and keys as before, so every other reader is served as before): money spent in a range (overview,
-- ROI), compliance decisions by outcome in a range; and the few blocked decisions and opted-out contacts
-- (rolling windows, compliance page) without reading the rest.
DROP INDEX IF EXISTS "costs_location_time";--> statement-breakpoint
CREATE INDEX "costs_location_time" ON "costs" USING btree ("location_id", "occurred_at") INCLUDE ("amount_usd", "kind", "campaign_id");--> statement-breakpoint
DROP INDEX IF EXISTS "compliance_decisions_location_time";--> statement-breakpoint
CREATE INDEX "compliance_decisions_location_time" ON "compliance_decisions" USING btree ("location_id", "decided_at") INCLUDE ("decision");--> statement-breakpoint
CREATE INDEX "compliance_decisions_blocked" ON "compliance_decisions" USING btree ("location_id", "decided_at") WHERE "decision" = 'block';--> statement-breakpoint
CREATE INDEX "contacts_opted_out" ON "contacts" USING btree ("location_id", "opted_out_at") WHERE "opt_out";
