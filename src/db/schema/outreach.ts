import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pk, ts, updatedAt } from './columns.js';
import { complianceDecisions } from './compliance.js';
import { contacts, properties } from './leads.js';
import { locations } from './tenancy.js';

/** Message templates (seed: AI prompt templates with personalisation variables). Null location = shipped default. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: pk(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    channel: text('channel', { enum: ['sms', 'email', 'voicemail'] }).notNull(),
    kind: text('kind').notNull(),
    touch: integer('touch'),
    responseTo: text('response_to'),
    marketKey: text('market_key'),
    subject: text('subject'),
    body: text('body').notNull(),
    variables: text('variables').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('message_templates_location_key').on(t.locationId, t.key).nullsNotDistinct()],
);

/** Campaigns (seed 000: outreach_campaigns): targeting, schedule and caps. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').notNull().default('drip'),
    targetTiers: text('target_tiers').array().notNull().default(sql`'{}'::text[]`),
    targetMarkets: text('target_markets').array().notNull().default(sql`'{}'::text[]`),
    scheduleConfig: jsonb('schedule_config').$type<Record<string, unknown>>().notNull().default({}),
    caps: jsonb('caps').$type<Record<string, unknown>>().notNull().default({}),
    /** draft | active | paused | completed */
    status: text('status').notNull().default('draft'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_location').on(t.locationId, t.createdAt)],
);

export const campaignSteps = pgTable(
  'campaign_steps',
  {
    id: pk(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    channel: text('channel', { enum: ['sms', 'email', 'voicemail'] }).notNull(),
    delayMinutes: integer('delay_minutes').notNull().default(0),
    templateKey: text('template_key'),
    variantWeights: jsonb('variant_weights').$type<Record<string, number>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('campaign_steps_position').on(t.campaignId, t.position)],
);

/** A contact's progress through a campaign (seed 003: sdr_outreach_sequences). */
export const enrollments = pgTable(
  'enrollments',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    currentStep: integer('current_step').notNull().default(0),
    /** Sequence state (seed 003 SequenceStep / seed 000 touch_n_sent). */
    state: text('state').notNull().default('ENROLLED'),
    /** active | paused | completed | cancelled | opted_out */
    status: text('status').notNull().default('active'),
    abVariant: text('ab_variant'),
    /** Send-time experiment arm (seed 003 Phase 2): `smart` times touches from engagement, `fixed` keeps the plan. */
    sendTimeArm: text('send_time_arm'),
    /** The touch waiting in the approval queue; the cadence waits for the person's click. */
    awaitingTouchId: uuid('awaiting_touch_id'),
    nextTouchAt: ts('next_touch_at'),
    lastTouchAt: ts('last_touch_at'),
    enrolledAt: ts('enrolled_at').notNull(),
    completedAt: ts('completed_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrollments_campaign_contact').on(t.campaignId, t.contactId),
    // The scheduler's hot path: due, active enrollments in time order.
    index('enrollments_due').on(t.nextTouchAt).where(sql`${t.status} = 'active'`),
    index('enrollments_contact').on(t.contactId),
  ],
);

/** Every outbound attempt (seed 003: sdr_outreach_touches). The idempotency key is contact + step + local date. */
export const touches = pgTable(
  'touches',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id').references(() => enrollments.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    step: integer('step'),
    stepName: text('step_name'),
    channel: text('channel', { enum: ['sms', 'email', 'voicemail'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** queued | awaiting_approval | sending | sent | delivered | failed | cancelled | blocked | skipped */
    status: text('status').notNull().default('queued'),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address'),
    subject: text('subject'),
    bodyEnc: text('body_enc'),
    templateKey: text('template_key'),
    variant: text('variant'),
    segments: integer('segments'),
    costUsd: numeric('cost_usd', { precision: 12, scale: 5 }),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    attempts: integer('attempts').notNull().default(0),
    /** Who wrote it: template | model | human | system. */
    author: text('author'),
    /** marketing | informational | opt_out_confirmation | help (the compliance purpose it was decided as). */
    purpose: text('purpose').notNull().default('marketing'),
    /** automated | manual (a person's click). */
    initiation: text('initiation').notNull().default('automated'),
    /** A queued touch is not sent before this instant (retry backoff, circuit cool-down). */
    nextAttemptAt: ts('next_attempt_at'),
    /** A touch in `sending` whose lease ran out belongs to a crashed worker: it is reconciled, then resent or closed. */
    leaseUntil: ts('lease_until'),
    approvedBy: text('approved_by'),
    approvedAt: ts('approved_at'),
    complianceDecisionId: uuid('compliance_decision_id').references(() => complianceDecisions.id, { onDelete: 'set null' }),
    scheduledFor: ts('scheduled_for'),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
    repliedAt: ts('replied_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('touches_idempotency_key').on(t.idempotencyKey),
    index('touches_contact').on(t.contactId, t.createdAt),
    index('touches_provider_message').on(t.provider, t.providerMessageId),
    index('touches_location_status').on(t.locationId, t.status, t.createdAt),
    index('touches_campaign').on(t.campaignId, t.step),
    // The dispatcher's hot paths: queued touches by due time, and leases of touches in flight.
    index('touches_dispatch').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    index('touches_in_flight').on(t.leaseUntil).where(sql`${t.status} = 'sending'`),
    index('touches_approval').on(t.locationId, t.createdAt).where(sql`${t.status} = 'awaiting_approval'`),
  ],
);

/** Closed deals with their attribution (campaign, touch, list source, distress signal). */
export const deals = pgTable(
  'deals',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    propertyId: uuid('property_id').references(() => properties.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    touchId: uuid('touch_id').references(() => touches.id, { onDelete: 'set null' }),
    price: numeric('price', { precision: 14, scale: 2 }),
    profit: numeric('profit', { precision: 14, scale: 2 }),
    kind: text('kind').notNull().default('assignment'),
    listSource: text('list_source'),
    distressSignal: text('distress_signal'),
    firstContactAt: ts('first_contact_at'),
    closedAt: ts('closed_at').notNull(),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [index('deals_location_closed').on(t.locationId, t.closedAt)],
);

/** Money spent, per unit of work: SMS segments, email, voice, model compute, skip tracing. */
export const costs = pgTable(
  'costs',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    amountUsd: numeric('amount_usd', { precision: 12, scale: 5 }).notNull(),
    units: numeric('units', { precision: 14, scale: 3 }),
    unitLabel: text('unit_label'),
    campaignId: uuid('campaign_id'),
    contactId: uuid('contact_id'),
    touchId: uuid('touch_id'),
    meta: jsonb('meta'),
    occurredAt: ts('occurred_at').notNull(),
  },
  // INCLUDE (amount_usd, kind, campaign_id), hand-written in drizzle/0011_analytics_rebuild.sql.
  (t) => [index('costs_location_time').on(t.locationId, t.occurredAt)],
);

/**
 * What the sandbox channels "sent": the outbox the API and dashboard show. Unique per channel and
 * idempotency key, so a resend after a crash records nothing new.
 */
export const sandboxOutbox = pgTable(
  'sandbox_outbox',
  {
    id: pk(),
    channel: text('channel').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    providerId: text('provider_id').notNull(),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('sandbox_outbox_key').on(t.channel, t.idempotencyKey), index('sandbox_outbox_to').on(t.toAddress, t.createdAt)],
);
