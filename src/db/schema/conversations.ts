import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pk, ts, updatedAt } from './columns.js';
import { contacts, properties } from './leads.js';
import { campaigns, touches } from './outreach.js';
import { locations } from './tenancy.js';

/** Every message in and out (seed 000: communications). Bodies are encrypted at rest. */
export const communications = pgTable(
  'communications',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    touchId: uuid('touch_id').references(() => touches.id, { onDelete: 'set null' }),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    channel: text('channel', { enum: ['sms', 'email', 'voicemail', 'voice'] }).notNull(),
    fromAddress: text('from_address'),
    toAddress: text('to_address'),
    subject: text('subject'),
    bodyEnc: text('body_enc'),
    sentimentScore: real('sentiment_score'),
    intent: text('intent'),
    intentConfidence: real('intent_confidence'),
    objection: text('objection'),
    /** who wrote an outbound message: template | model | human | system */
    author: text('author'),
    /** outbound only: marketing | informational | opt_out_confirmation | help; null reads as marketing (counts toward caps) */
    purpose: text('purpose'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    status: text('status'),
    occurredAt: ts('occurred_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('communications_contact_time').on(t.contactId, t.occurredAt),
    index('communications_location_time').on(t.locationId, t.occurredAt),
    uniqueIndex('communications_provider_message')
      .on(t.locationId, t.provider, t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
  ],
);

/** FSM state of the conversation with one contact; human_takeover silences the bot until released. */
export const conversationStates = pgTable(
  'conversation_states',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    currentState: text('current_state').notNull().default('idle'),
    /** Message references and labels, newest last; bodies stay encrypted in communications. */
    conversationHistory: jsonb('conversation_history').$type<unknown[]>().notNull().default([]),
    humanTakeover: boolean('human_takeover').notNull().default(false),
    takeoverAt: ts('takeover_at'),
    takeoverBy: text('takeover_by'),
    releasedAt: ts('released_at'),
    lastInboundAt: ts('last_inbound_at'),
    lastOutboundAt: ts('last_outbound_at'),
    /**
     * Calendar booking in the conversation (seed 003 Phase 3): the slots offered, waiting for the owner's
     * choice, then the appointment booked. Null when no booking was offered.
     */
    booking: jsonb('booking').$type<Record<string, unknown>>(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('conversation_states_contact').on(t.contactId), index('conversation_states_takeover').on(t.locationId, t.humanTakeover)],
);

export const leadStatusValues = [
  'new',
  'contacted',
  'replied',
  'interested',
  'negotiating',
  'under_contract',
  'deal_closed',
  'cold',
  'opt_out',
] as const;
export type LeadStatusValue = (typeof leadStatusValues)[number];

/**
 * Where a lead is in the pipeline (seed 000: lead_statuses). A contact without a row is `new`: the row is
 * written at the first change, so bulk imports do not pay for one row per contact.
 */
export const leadStatuses = pgTable(
  'lead_statuses',
  {
    id: pk(),
    // Tied to its location through the contact (cascade); see contact_points.
    locationId: uuid('location_id').notNull(),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: leadStatusValues }).notNull().default('new'),
    lastContactDate: ts('last_contact_date'),
    assignedTo: text('assigned_to'),
    changedAt: ts('changed_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('lead_statuses_contact').on(t.contactId), index('lead_statuses_location_status').on(t.locationId, t.status)],
);

/** Seed 003 sdr_prospects: one row per contact sourced for the SDR flow. */
export const prospects = pgTable(
  'prospects',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    propertyId: uuid('property_id').references(() => properties.id, { onDelete: 'set null' }),
    source: text('source').notNull(),
    leadType: text('lead_type'),
    frsScore: real('frs_score'),
    pcsScore: real('pcs_score'),
    enrolledAt: ts('enrolled_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('prospects_contact').on(t.contactId)],
);

/** Seed 003 QualificationGate output: FRS, PCS and the facts with their evidence. */
export const qualifications = pgTable(
  'qualification',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    frsScore: real('frs_score'),
    pcsScore: real('pcs_score'),
    confidence: real('confidence'),
    leadType: text('lead_type'),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    gatePassed: boolean('gate_passed').notNull().default(false),
    handoffTarget: text('handoff_target'),
    disqualifyReason: text('disqualify_reason'),
    evaluatedAt: ts('evaluated_at').notNull(),
  },
  (t) => [uniqueIndex('qualification_contact').on(t.contactId)],
);

/** Seed 003 sdr_objection_logs. The raw message is encrypted. */
export const objectionLogs = pgTable(
  'objection_logs',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    communicationId: uuid('communication_id').references(() => communications.id, { onDelete: 'set null' }),
    objectionType: text('objection_type').notNull(),
    rawMessageEnc: text('raw_message_enc'),
    rebuttalUsed: text('rebuttal_used'),
    outcome: text('outcome'),
    createdAt: createdAt(),
  },
  (t) => [index('objection_logs_location').on(t.locationId, t.objectionType, t.createdAt)],
);

/** A hot lead handed to a person. The watchdog re-notifies while nobody has answered. */
export const handoffs = pgTable(
  'handoffs',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    /** open | acknowledged | resolved */
    status: text('status').notNull().default('open'),
    notifyCount: integer('notify_count').notNull().default(0),
    lastNotifiedAt: ts('last_notified_at'),
    acknowledgedAt: ts('acknowledged_at'),
    resolvedAt: ts('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [index('handoffs_location_status').on(t.locationId, t.status, t.createdAt)],
);

/** Messages to the business's own people (handoffs, alerts), de-duplicated by key. */
export const notifications = pgTable(
  'notifications',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject'),
    bodyEnc: text('body_enc'),
    status: text('status').notNull().default('queued'),
    dedupeKey: text('dedupe_key').notNull(),
    handoffId: uuid('handoff_id').references(() => handoffs.id, { onDelete: 'set null' }),
    error: text('error'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notifications_dedupe').on(t.locationId, t.dedupeKey)],
);

/** Operational alerts (circuit-breaker trips, caps reached, carrier filtering), de-duplicated by key. */
export const alerts = pgTable(
  'alerts',
  {
    id: pk(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    severity: text('severity').notNull().default('warning'),
    message: text('message').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    details: jsonb('details'),
    occurrences: integer('occurrences').notNull().default(1),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [unique('alerts_dedupe').on(t.locationId, t.dedupeKey).nullsNotDistinct()],
);

/** Provider webhook deliveries, by the provider's event id, so a redelivery is processed once. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: pk(),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    kind: text('kind'),
    status: text('status').notNull().default('received'),
    receivedAt: ts('received_at').notNull(),
    processedAt: ts('processed_at'),
    error: text('error'),
  },
  (t) => [uniqueIndex('webhook_events_provider_event').on(t.provider, t.eventId)],
);

/**
 * What the decision engine did with one inbound message, and why: the action, the rules that chose it,
 * every input it read (intent, confidence, sentiment, objection, keyword flags, gate, thresholds,
 * takeover) and what came of it (the reply's touch and compliance status, the handoff). One row per
 * inbound message, written before the action runs so a failure is visible against its decision.
 */
export const conversationDecisions = pgTable(
  'conversation_decisions',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    communicationId: uuid('communication_id').notNull().references(() => communications.id, { onDelete: 'cascade' }),
    /** opt_out | help | opt_in | handoff | auto_reply | rebuttal | mark_cold | wrong_number | notify_human | none */
    action: text('action').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull().default({}),
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
    decidedAt: ts('decided_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [uniqueIndex('conversation_decisions_communication').on(t.communicationId), index('conversation_decisions_contact').on(t.contactId, t.decidedAt)],
);
