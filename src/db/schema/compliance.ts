import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pk, ts } from './columns.js';
import { contacts } from './leads.js';
import { locations } from './tenancy.js';

/** Consent given or revoked, with its proof (source, the text shown, when, from which number or IP). */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    /** written | express | revocation | opt_in */
    kind: text('kind').notNull(),
    channel: text('channel'),
    source: text('source').notNull(),
    textShown: text('text_shown'),
    address: text('address'),
    ip: text('ip'),
    evidence: jsonb('evidence'),
    occurredAt: ts('occurred_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('consent_events_contact').on(t.contactId, t.occurredAt)],
);

/**
 * Suppressed numbers and addresses. National, state and litigator lists are shared by every location
 * (location_id null); internal DNC entries belong to one location.
 */
export const suppressions = pgTable(
  'suppressions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** national_dnc | state_dnc | internal_dnc | litigator */
    list: text('list').notNull(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    /** For state lists: the two-letter state. Empty string when not applicable (keeps the unique key simple). */
    state: text('state').notNull().default(''),
    value: text('value').notNull(),
    listDate: date('list_date'),
    reason: text('reason'),
    source: text('source'),
    createdAt: createdAt(),
  },
  // One index serves both the import's ON CONFLICT and the send-time lookup by value (value first): a second
  // index on value alone doubled the write cost of a 5-million-number import for no read gain.
  (t) => [unique('suppressions_value_list').on(t.value, t.list, t.state, t.locationId).nullsNotDistinct()],
);

/** One row per imported DNC file: the list date is the scrub date the engine checks (F3). */
export const suppressionLists = pgTable(
  'suppression_lists',
  {
    id: pk(),
    list: text('list').notNull(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    state: text('state').notNull().default(''),
    kind: text('kind').notNull().default('full'),
    listDate: date('list_date').notNull(),
    fileName: text('file_name'),
    added: integer('added').notNull().default(0),
    removed: integer('removed').notNull().default(0),
    badLines: integer('bad_lines').notNull().default(0),
    importedAt: createdAt(),
  },
  (t) => [index('suppression_lists_list_date').on(t.list, t.listDate)],
);

/** Every allow / defer / block made for a real send, with the rule ids and a summary of the inputs. */
export const complianceDecisions = pgTable(
  'compliance_decisions',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    touchId: uuid('touch_id'),
    enrollmentId: uuid('enrollment_id'),
    channel: text('channel').notNull(),
    purpose: text('purpose').notNull(),
    toAddress: text('to_address').notNull(),
    // The engine's answer; `review` is the scheduler's routing of an automated send the engine refused but a
    // person may make (the approval queue): the reasons say why, and the click is decided again.
    decision: text('decision', { enum: ['allow', 'defer', 'block', 'review'] }).notNull(),
    notBefore: ts('not_before'),
    rules: text('rules').array().notNull().default(sql`'{}'::text[]`),
    reasons: jsonb('reasons').$type<unknown[]>().notNull().default([]),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull().default({}),
    decidedAt: ts('decided_at').notNull(),
  },
  (t) => [
    index('compliance_decisions_contact').on(t.locationId, t.contactId, t.decidedAt),
    index('compliance_decisions_touch').on(t.touchId),
    // INCLUDE (decision), hand-written in drizzle/0011_analytics_rebuild.sql.
    index('compliance_decisions_location_time').on(t.locationId, t.decidedAt),
    index('compliance_decisions_blocked').on(t.locationId, t.decidedAt).where(sql`${t.decision} = 'block'`),
  ],
);
