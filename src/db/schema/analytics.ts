import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pk, ts, updatedAt } from './columns.js';
import { contacts } from './leads.js';
import { campaigns } from './outreach.js';
import { locations } from './tenancy.js';

/**
 * An A/B test of the variants of one campaign step (seed 003 Phase 4). The variants are those of the step's
 * `variant_weights`; results are read live from the touches; promotion gives the winner 100 %.
 */
export const abTests = pgTable(
  'ab_tests',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    name: text('name').notNull(),
    variants: text('variants').array().notNull().default(sql`'{}'::text[]`),
    /** The rate the winner is picked on: reply | interest */
    metric: text('metric').notNull().default('reply'),
    /** Significance level for the suggested winner. */
    alpha: real('alpha').notNull().default(0.05),
    /** running | promoted | stopped */
    status: text('status').notNull().default('running'),
    winner: text('winner'),
    promotedAt: ts('promoted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('ab_tests_location').on(t.locationId, t.createdAt), index('ab_tests_campaign').on(t.campaignId, t.step)],
);

/**
 * Analytics rollup, one row per lead (contact) that has anything besides touches: its inbound messages
 * (times, channels and intents, oldest first), pipeline status, opt-out and last deal. Kept exact by
 * triggers on the low-rate events only (inbound message and its classification, status change, opt-out,
 * deal; see drizzle/0010_analytics_rollups.sql): a trigger recomputes the one lead's row, so writers of
 * different leads never wait on each other and sending a touch writes nothing here. The analytics
 * statements join the range's touches to this narrow table instead of communications, contacts,
 * lead_statuses and deals.
 */
export const analyticsLeadFacts = pgTable(
  'analytics_lead_facts',
  {
    contactId: uuid('contact_id')
      .primaryKey()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id').notNull(),
    replyAt: timestamp('reply_at', { withTimezone: true, mode: 'date' }).array().notNull().default(sql`'{}'::timestamptz[]`),
    replyChannel: text('reply_channel').array().notNull().default(sql`'{}'::text[]`),
    replyIntent: text('reply_intent').array().notNull().default(sql`'{}'::text[]`),
    firstReplyAt: ts('first_reply_at'),
    lastReplyAt: ts('last_reply_at'),
    replies: integer('replies').notNull().default(0),
    interestedReplies: integer('interested_replies').notNull().default(0),
    /** The pipeline status when analytics reads it (interested or beyond, opt_out); null otherwise. */
    status: text('status'),
    optedOut: boolean('opted_out').notNull().default(false),
    optedOutAt: ts('opted_out_at'),
    lastDealAt: ts('last_deal_at'),
    updatedAt: updatedAt(),
  },
  (t) => [index('analytics_lead_facts_opted_out').on(t.locationId, t.optedOutAt).where(sql`${t.optedOutAt} is not null`)],
);

/**
 * Analytics rollup for the pipeline, one row per lead that has a property, a lead status or an opt-out: its
 * effective status (`opt_out` when opted out, else the lead status) and its main property (highest score,
 * then lowest id) with that property's tier and market. A contact without a row is `new` with no property.
 * Kept by triggers on property links, properties, lead statuses and opt-outs, set-based for bulk writes
 * (see drizzle/0012_analytics_lead_pipeline.sql). The table has `fillfactor = 80`.
 */
export const analyticsLeadPipeline = pgTable(
  'analytics_lead_pipeline',
  {
    contactId: uuid('contact_id')
      .primaryKey()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id').notNull(),
    status: text('status').notNull(),
    propertyId: uuid('property_id'),
    score: real('score'),
    tier: text('tier'),
    marketId: uuid('market_id'),
  },
  (t) => [index('analytics_lead_pipeline_location').on(t.locationId)],
);

/**
 * Analytics rollup of the campaign touches that went out (status sent or delivered), one narrow row per
 * touch with only what the analytics statements read, in send-time order. The range queries scan this
 * instead of `touches`, whose rows are wide (bodies, addresses, provider fields, leases) and whose pages
 * mix every status. Kept by a row trigger on touches that fires only when one of these columns changes
 * (see drizzle/0010_analytics_rollups.sql): one small insert per touch sent, no shared row.
 */
export const analyticsTouches = pgTable(
  'analytics_touches',
  {
    touchId: uuid('touch_id').primaryKey(),
    locationId: uuid('location_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    sentAt: ts('sent_at').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    step: integer('step'),
    channel: text('channel').notNull(),
    templateKey: text('template_key'),
    variant: text('variant'),
    costUsd: numeric('cost_usd', { precision: 12, scale: 5 }),
    repliedAt: ts('replied_at'),
    // Derived per lead by analytics_sync_lead_touches (drizzle/0011_analytics_rebuild.sql): the lead's
    // previous / next campaign touch (ties by touch id) among all, on this channel, in this campaign; its
    // replies at or after this send (first, count, interested; and on this touch's channel); its status,
    // opt-out and last deal from analytics_lead_facts.
    prevSentAt: ts('prev_sent_at'),
    nextSentAt: ts('next_sent_at'),
    prevChannelSentAt: ts('prev_channel_sent_at'),
    nextChannelSentAt: ts('next_channel_sent_at'),
    prevCampaignSentAt: ts('prev_campaign_sent_at'),
    nextCampaignSentAt: ts('next_campaign_sent_at'),
    replyFirstAt: ts('reply_first_at'),
    replyCount: integer('reply_count').notNull().default(0),
    replyInterested: integer('reply_interested').notNull().default(0),
    channelReplyFirstAt: ts('channel_reply_first_at'),
    channelReplyCount: integer('channel_reply_count').notNull().default(0),
    channelReplyInterested: integer('channel_reply_interested').notNull().default(0),
    leadStatus: text('lead_status'),
    leadOptedOut: boolean('lead_opted_out').notNull().default(false),
    leadLastDealAt: ts('lead_last_deal_at'),
    // The touch's ordinal among the lead's campaign touches in send-time order (ties by touch id): among all,
    // on this channel, in this campaign (drizzle/0014_analytics_touch_ordinals.sql).
    seq: integer('seq').notNull().default(0),
    channelSeq: integer('channel_seq').notNull().default(0),
    campaignSeq: integer('campaign_seq').notNull().default(0),
  },
  (t) => [index('analytics_touches_location_sent').on(t.locationId, t.sentAt), index('analytics_touches_contact_sent').on(t.contactId, t.sentAt)],
);
