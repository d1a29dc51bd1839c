CREATE TABLE "analytics_lead_facts" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"reply_at" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL,
	"reply_channel" text[] DEFAULT '{}'::text[] NOT NULL,
	"reply_intent" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_reply_at" timestamp with time zone,
	"last_reply_at" timestamp with time zone,
	"replies" integer DEFAULT 0 NOT NULL,
	"interested_replies" integer DEFAULT 0 NOT NULL,
	"status" text,
	"opted_out" boolean DEFAULT false NOT NULL,
	"opted_out_at" timestamp with time zone,
	"last_deal_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_touches" (
	"touch_id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"campaign_id" uuid NOT NULL,
	"step" integer,
	"channel" text NOT NULL,
	"template_key" text,
	"variant" text,
	"cost_usd" numeric(12, 5),
	"replied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "analytics_lead_facts" ADD CONSTRAINT "analytics_lead_facts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_lead_facts_opted_out" ON "analytics_lead_facts" USING btree ("location_id","opted_out_at") WHERE "analytics_lead_facts"."opted_out_at" is not null;--> statement-breakpoint
CREATE INDEX "analytics_touches_location_sent" ON "analytics_touches" USING btree ("location_id","sent_at");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model functions or triggers). The functions look rows up by key
-- only, and run with enable_seqscan off: PL/pgSQL keeps a statement's plan for the connection, and a plan
-- made while a table was nearly empty (a fresh install, a bulk load in one transaction, PGlite without
-- autovacuum) would otherwise keep scanning the whole table on every call as it grows.
-- The rollup row of one lead is
-- recomputed from its sources whenever one of them changes. The row is created, then locked, and only then
-- recomputed: under READ COMMITTED the recompute statement takes its snapshot after the lock, so two
-- transactions adding replies for the same lead cannot overwrite each other with stale arrays.
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
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_refresh_lead_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM analytics_refresh_lead((to_jsonb(OLD) ->> col)::uuid);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR (to_jsonb(NEW) ->> col) IS DISTINCT FROM (to_jsonb(OLD) ->> col)) THEN
    PERFORM analytics_refresh_lead((to_jsonb(NEW) ->> col)::uuid);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A new inbound message, the usual case: it is the lead's newest, so it is appended to the lead's row in one
-- update (which waits for, then builds on, a concurrent append). An older message, or a lead without a row
-- yet, takes the full recompute.
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
      RETURN NULL;
    END IF;
  END IF;
  PERFORM analytics_refresh_lead(NEW.contact_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Inbound messages only: an outbound message (the dispatch hot path) does not even call the function.
CREATE TRIGGER analytics_facts_inbound_insert AFTER INSERT ON communications FOR EACH ROW
  WHEN (NEW.direction = 'inbound') EXECUTE FUNCTION analytics_inbound_insert();
--> statement-breakpoint
CREATE TRIGGER analytics_facts_inbound_update AFTER UPDATE OF intent, occurred_at, channel, direction, contact_id ON communications FOR EACH ROW
  WHEN ((OLD.direction = 'inbound' OR NEW.direction = 'inbound') AND (OLD.intent IS DISTINCT FROM NEW.intent OR OLD.occurred_at IS DISTINCT FROM NEW.occurred_at
    OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.direction IS DISTINCT FROM NEW.direction OR OLD.contact_id IS DISTINCT FROM NEW.contact_id))
  EXECUTE FUNCTION analytics_refresh_lead_trigger('contact_id');
--> statement-breakpoint
CREATE TRIGGER analytics_facts_inbound_delete AFTER DELETE ON communications FOR EACH ROW
  WHEN (OLD.direction = 'inbound') EXECUTE FUNCTION analytics_refresh_lead_trigger('contact_id');
--> statement-breakpoint
-- Lead statuses: only a status analytics reads (interested or beyond, opt_out). Delivering a touch upserts the
-- lead's `contacted` row; that insert or no-change update fires nothing.
CREATE TRIGGER analytics_facts_status_insert AFTER INSERT ON lead_statuses FOR EACH ROW
  WHEN (NEW.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out'))
  EXECUTE FUNCTION analytics_refresh_lead_trigger('contact_id');
--> statement-breakpoint
CREATE TRIGGER analytics_facts_status_update AFTER UPDATE OF status, contact_id ON lead_statuses FOR EACH ROW
  WHEN ((OLD.status IS DISTINCT FROM NEW.status OR OLD.contact_id IS DISTINCT FROM NEW.contact_id)
    AND (OLD.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out') OR NEW.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out')))
  EXECUTE FUNCTION analytics_refresh_lead_trigger('contact_id');
--> statement-breakpoint
CREATE TRIGGER analytics_facts_status_delete AFTER DELETE ON lead_statuses FOR EACH ROW
  WHEN (OLD.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out'))
  EXECUTE FUNCTION analytics_refresh_lead_trigger('contact_id');
--> statement-breakpoint
-- Contacts: only an opt-out change (an import of ordinary contacts fires nothing).
CREATE TRIGGER analytics_facts_opt_out_insert AFTER INSERT ON contacts FOR EACH ROW
  WHEN (NEW.opt_out OR NEW.opted_out_at IS NOT NULL) EXECUTE FUNCTION analytics_refresh_lead_trigger('id');
--> statement-breakpoint
CREATE TRIGGER analytics_facts_opt_out_update AFTER UPDATE OF opt_out, opted_out_at ON contacts FOR EACH ROW
  WHEN (OLD.opt_out IS DISTINCT FROM NEW.opt_out OR OLD.opted_out_at IS DISTINCT FROM NEW.opted_out_at)
  EXECUTE FUNCTION analytics_refresh_lead_trigger('id');
--> statement-breakpoint
CREATE TRIGGER analytics_facts_deal AFTER INSERT OR UPDATE OF closed_at, contact_id OR DELETE ON deals FOR EACH ROW
  EXECUTE FUNCTION analytics_refresh_lead_trigger('contact_id');
--> statement-breakpoint
-- Backfill: every lead with a reply, a status, an opt-out or a deal.
INSERT INTO analytics_lead_facts (contact_id, location_id, reply_at, reply_channel, reply_intent, first_reply_at, last_reply_at, replies, interested_replies, status, opted_out, opted_out_at, last_deal_at)
SELECT c.id, c.location_id,
       coalesce(r.reply_at, '{}'), coalesce(r.reply_channel, '{}'), coalesce(r.reply_intent, '{}'), r.first_reply_at, r.last_reply_at,
       coalesce(r.replies, 0), coalesce(r.interested_replies, 0), ls.status, c.opt_out, c.opted_out_at, d.last_deal_at
FROM contacts c
LEFT JOIN (
  SELECT m.contact_id, array_agg(m.occurred_at ORDER BY m.occurred_at, m.id) AS reply_at, array_agg(m.channel ORDER BY m.occurred_at, m.id) AS reply_channel,
         array_agg(m.intent ORDER BY m.occurred_at, m.id) AS reply_intent, min(m.occurred_at) AS first_reply_at, max(m.occurred_at) AS last_reply_at,
         count(*)::int AS replies, (count(*) FILTER (WHERE m.intent = 'interested'))::int AS interested_replies
  FROM communications m WHERE m.direction = 'inbound' GROUP BY m.contact_id
) r ON r.contact_id = c.id
LEFT JOIN lead_statuses ls ON ls.contact_id = c.id AND ls.status IN ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out')
LEFT JOIN (SELECT contact_id, max(closed_at) AS last_deal_at FROM deals WHERE contact_id IS NOT NULL GROUP BY contact_id) d ON d.contact_id = c.id
WHERE r.contact_id IS NOT NULL OR ls.contact_id IS NOT NULL OR c.opt_out OR c.opted_out_at IS NOT NULL OR d.contact_id IS NOT NULL;
--> statement-breakpoint
-- The touch rollup: a touch is in it while it is a campaign touch that went out (sent or delivered, with a
-- send time). The trigger runs only when that, or a column copied, changes: moving from sent to delivered,
-- leases, attempts and provider ids fire nothing. One row per touch, so concurrent senders never meet.
CREATE OR REPLACE FUNCTION analytics_touch_sync() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM analytics_touches WHERE touch_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('sent', 'delivered') AND NEW.campaign_id IS NOT NULL AND NEW.sent_at IS NOT NULL THEN
    INSERT INTO analytics_touches (touch_id, location_id, contact_id, sent_at, campaign_id, step, channel, template_key, variant, cost_usd, replied_at)
    VALUES (NEW.id, NEW.location_id, NEW.contact_id, NEW.sent_at, NEW.campaign_id, NEW.step, NEW.channel, NEW.template_key, NEW.variant, NEW.cost_usd, NEW.replied_at);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER analytics_touch_insert AFTER INSERT ON touches FOR EACH ROW
  WHEN (NEW.status IN ('sent', 'delivered') AND NEW.campaign_id IS NOT NULL AND NEW.sent_at IS NOT NULL)
  EXECUTE FUNCTION analytics_touch_sync();
--> statement-breakpoint
CREATE TRIGGER analytics_touch_update AFTER UPDATE ON touches FOR EACH ROW
  WHEN ((OLD.status IN ('sent', 'delivered') AND OLD.campaign_id IS NOT NULL AND OLD.sent_at IS NOT NULL)
          IS DISTINCT FROM (NEW.status IN ('sent', 'delivered') AND NEW.campaign_id IS NOT NULL AND NEW.sent_at IS NOT NULL)
    OR (NEW.status IN ('sent', 'delivered') AND NEW.campaign_id IS NOT NULL AND NEW.sent_at IS NOT NULL
      AND (OLD.sent_at IS DISTINCT FROM NEW.sent_at OR OLD.campaign_id IS DISTINCT FROM NEW.campaign_id OR OLD.contact_id IS DISTINCT FROM NEW.contact_id
        OR OLD.location_id IS DISTINCT FROM NEW.location_id OR OLD.step IS DISTINCT FROM NEW.step OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.template_key IS DISTINCT FROM NEW.template_key OR OLD.variant IS DISTINCT FROM NEW.variant OR OLD.cost_usd IS DISTINCT FROM NEW.cost_usd
        OR OLD.replied_at IS DISTINCT FROM NEW.replied_at)))
  EXECUTE FUNCTION analytics_touch_sync();
--> statement-breakpoint
CREATE TRIGGER analytics_touch_delete AFTER DELETE ON touches FOR EACH ROW
  WHEN (OLD.status IN ('sent', 'delivered') AND OLD.campaign_id IS NOT NULL AND OLD.sent_at IS NOT NULL)
  EXECUTE FUNCTION analytics_touch_sync();
--> statement-breakpoint
INSERT INTO analytics_touches (touch_id, location_id, contact_id, sent_at, campaign_id, step, channel, template_key, variant, cost_usd, replied_at)
SELECT t.id, t.location_id, t.contact_id, t.sent_at, t.campaign_id, t.step, t.channel, t.template_key, t.variant, t.cost_usd, t.replied_at
FROM touches t
WHERE t.status IN ('sent', 'delivered') AND t.campaign_id IS NOT NULL AND t.sent_at IS NOT NULL
ORDER BY t.location_id, t.sent_at;
