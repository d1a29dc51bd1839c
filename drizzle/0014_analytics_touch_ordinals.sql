-- A lead's number of touches in a range without reading every touch of the range. Each touch row carries its
-- ordinal among the lead's campaign touches in send-time order (ties by touch id), in the same three
-- partitions as its links: all touches (`seq`), those on its channel (`channel_seq`) and those of its
-- campaign (`campaign_seq`). A lead's touches in [from, to) run from the one where it enters (previous send
-- before `from`) to the one where it leaves (next send at or after `to`, or none), so their number is
-- leave.seq - enter.seq + 1. A statement that keeps or drops leads as a whole (a market or tier filter) then
-- counts the range's sends from those two rows per lead, instead of testing the filter on every touch.
-- analytics_sync_lead_touches and analytics_rebuild compute the ordinals with the links; appending a send
-- numbers the new row only.
ALTER TABLE "analytics_touches" ADD COLUMN "seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "channel_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_touches" ADD COLUMN "campaign_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- As in 0011, with the ordinals.
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
    lead_status = x.status, lead_opted_out = x.opted_out, lead_last_deal_at = x.last_deal_at,
    seq = x.s, channel_seq = x.sch, campaign_seq = x.scp
  FROM (
  SELECT a.touch_id,
         lag(a.sent_at) OVER w AS p, lead(a.sent_at) OVER w AS n,
         lag(a.sent_at) OVER wch AS pch, lead(a.sent_at) OVER wch AS nch,
         lag(a.sent_at) OVER wcp AS pcp, lead(a.sent_at) OVER wcp AS ncp,
         (row_number() OVER w)::int AS s, (row_number() OVER wch)::int AS sch, (row_number() OVER wcp)::int AS scp,
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
         t.lead_status, t.lead_opted_out, t.lead_last_deal_at, t.seq, t.channel_seq, t.campaign_seq)
        IS DISTINCT FROM (x.p, x.n, x.pch, x.nch, x.pcp, x.ncp, x.first_at, x.n_all, x.n_int, x.ch_first_at, x.ch_n_all, x.ch_n_int, x.status, x.opted_out, x.last_deal_at, x.s, x.sch, x.scp);
END
$$;
--> statement-breakpoint
-- As in 0011, with the ordinals.
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
                                 lead_status, lead_opted_out, lead_last_deal_at, seq, channel_seq, campaign_seq)
  SELECT a.touch_id, a.location_id, a.contact_id, a.sent_at, a.campaign_id, a.step, a.channel, a.template_key, a.variant, a.cost_usd, a.replied_at,
         x.p, x.n, x.pch, x.nch, x.pcp, x.ncp, x.first_at, x.n_all, x.n_int, x.ch_first_at, x.ch_n_all, x.ch_n_int, x.status, x.opted_out, x.last_deal_at, x.s, x.sch, x.scp
  FROM analytics_rebuild_touches a
  JOIN (
  SELECT a.touch_id,
         lag(a.sent_at) OVER w AS p, lead(a.sent_at) OVER w AS n,
         lag(a.sent_at) OVER wch AS pch, lead(a.sent_at) OVER wch AS nch,
         lag(a.sent_at) OVER wcp AS pcp, lead(a.sent_at) OVER wcp AS ncp,
         (row_number() OVER w)::int AS s, (row_number() OVER wch)::int AS sch, (row_number() OVER wcp)::int AS scp,
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
-- The existing rows, numbered from the touch rows themselves.
UPDATE analytics_touches t SET seq = x.s, channel_seq = x.sch, campaign_seq = x.scp
FROM (
  SELECT a.touch_id,
         (row_number() OVER (PARTITION BY a.contact_id ORDER BY a.sent_at, a.touch_id))::int AS s,
         (row_number() OVER (PARTITION BY a.contact_id, a.channel ORDER BY a.sent_at, a.touch_id))::int AS sch,
         (row_number() OVER (PARTITION BY a.contact_id, a.campaign_id ORDER BY a.sent_at, a.touch_id))::int AS scp
  FROM analytics_touches a
) x
WHERE t.touch_id = x.touch_id;
