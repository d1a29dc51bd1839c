import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pk, ts, updatedAt } from './columns.js';
import { locations } from './tenancy.js';

/** A market: a county (or any area) with its data sources, tier thresholds and local context. */
export const markets = pgTable(
  'markets',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    county: text('county'),
    state: text('state').notNull(),
    timeZone: text('time_zone').notNull(),
    dorCountyNumber: integer('dor_county_number'),
    sources: jsonb('sources').$type<Record<string, unknown>>().notNull().default({}),
    tierThresholds: jsonb('tier_thresholds').$type<Record<string, number>>().notNull().default({}),
    localContext: text('local_context'),
    active: boolean('active').notNull().default(true),
    lastSyncedAt: ts('last_synced_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('markets_location_key').on(t.locationId, t.key)],
);

/** A parcel: situs, owner, mailing address, values, distress signals and the score explained. */
export const properties = pgTable(
  'properties',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    marketId: uuid('market_id').references(() => markets.id, { onDelete: 'set null' }),
    parcelId: text('parcel_id'),
    parcelIdDisplay: text('parcel_id_display'),
    situsAddress: text('situs_address'),
    situsCity: text('situs_city'),
    situsState: text('situs_state'),
    situsZip: text('situs_zip'),
    /** Normalised situs (street line + ZIP): the identity of a parcel-less row, matched against every property. */
    situsKey: text('situs_key'),
    ownerName: text('owner_name'),
    ownerKey: text('owner_key'),
    mailingAddress: text('mailing_address'),
    mailingCity: text('mailing_city'),
    mailingState: text('mailing_state'),
    mailingZip: text('mailing_zip'),
    justValue: numeric('just_value', { precision: 14, scale: 2 }),
    landValue: numeric('land_value', { precision: 14, scale: 2 }),
    buildingValue: numeric('building_value', { precision: 14, scale: 2 }),
    estimatedValue: numeric('estimated_value', { precision: 14, scale: 2 }),
    lastSalePrice: numeric('last_sale_price', { precision: 14, scale: 2 }),
    lastSaleDate: date('last_sale_date'),
    homestead: boolean('homestead'),
    useCode: text('use_code'),
    signals: jsonb('signals').$type<Record<string, unknown>>().notNull().default({}),
    score: real('score'),
    tier: text('tier'),
    scoreContributions: jsonb('score_contributions').$type<unknown[]>().notNull().default([]),
    scoredAt: ts('scored_at'),
    source: text('source').notNull().default('manual'),
    sourceRef: text('source_ref'),
    raw: jsonb('raw'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('properties_location_parcel').on(t.locationId, t.parcelId).where(sql`${t.parcelId} is not null`),
    uniqueIndex('properties_location_situs').on(t.locationId, t.situsKey).where(sql`${t.parcelId} is null and ${t.situsKey} is not null`),
    // A parcel-less row finds a parcel's property by its situs (0016); not unique, two parcels may share a street line.
    index('properties_location_situs_parcel').on(t.locationId, t.situsKey).where(sql`${t.parcelId} is not null and ${t.situsKey} is not null`),
    index('properties_location_tier').on(t.locationId, t.tier, t.score),
    index('properties_location_market').on(t.locationId, t.marketId),
  ],
);

/**
 * A contact is one reachable person (usually an owner): one conversation across all of their numbers and
 * emails. `phone` and `email` are the primary points; every point lives in contact_points.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    parcelId: text('parcel_id'),
    ownerName: text('owner_name'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    email: text('email'),
    phoneVerified: boolean('phone_verified').notNull().default(false),
    emailVerified: boolean('email_verified').notNull().default(false),
    lineType: text('line_type'),
    confidence: real('confidence'),
    source: text('source').notNull().default('manual'),
    optOut: boolean('opt_out').notNull().default(false),
    optedOutAt: ts('opted_out_at'),
    ownerKey: text('owner_key'),
    mailingAddress: text('mailing_address'),
    mailingCity: text('mailing_city'),
    mailingState: text('mailing_state'),
    mailingZip: text('mailing_zip'),
    timeZone: text('time_zone'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    ghlContactId: text('ghl_contact_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_location_created').on(t.locationId, t.createdAt, t.id),
    // Lookups by phone or email go through contact_points' unique index, which holds every point.
    index('contacts_location_owner_key').on(t.locationId, t.ownerKey).where(sql`${t.ownerKey} is not null`),
    index('contacts_location_parcel').on(t.locationId, t.parcelId).where(sql`${t.parcelId} is not null`),
    uniqueIndex('contacts_location_ghl').on(t.locationId, t.ghlContactId).where(sql`${t.ghlContactId} is not null`),
    index('contacts_opted_out').on(t.locationId, t.optedOutAt).where(sql`${t.optOut}`),
  ],
);

/** Every phone number and email address of a contact, with its checks and status. */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: pk(),
    // No foreign key of its own: the contact's key already ties the point to its location and cascades,
    // and a second trigger per row would double the cost of bulk imports.
    locationId: uuid('location_id').notNull(),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['phone', 'email'] }).notNull(),
    value: text('value').notNull(),
    lineType: text('line_type'),
    verified: boolean('verified').notNull().default(false),
    confidence: real('confidence'),
    source: text('source').notNull(),
    /** active | wrong_number | invalid | opted_out */
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contact_points_location_value').on(t.locationId, t.kind, t.value),
    index('contact_points_contact').on(t.contactId),
  ],
);

export const propertyContacts = pgTable(
  'property_contacts',
  {
    propertyId: uuid('property_id').notNull().references(() => properties.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    role: text('role').notNull().default('owner'),
    /**
     * Copies of the property's tier and market for the analytics' lead filters, kept by the triggers of
     * drizzle/0015_lead_filter_copies.sql (a writer may fill them; the insert trigger corrects them).
     */
    tier: text('tier'),
    marketId: uuid('market_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.propertyId, t.contactId] }),
    index('property_contacts_contact').on(t.contactId),
    index('property_contacts_tier').on(t.tier, t.contactId).where(sql`${t.tier} is not null`),
    index('property_contacts_market').on(t.marketId, t.contactId).where(sql`${t.marketId} is not null`),
  ],
);

/** List imports and market syncs, with progress and the final report. */
export const imports = pgTable(
  'imports',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fileName: text('file_name'),
    /** Where the file is kept while the import runs (uploads), so a retried job can read it again. */
    filePath: text('file_path'),
    /** size + SHA-256 of the file: a re-run of the same file resumes this import instead of starting over. */
    fingerprint: text('fingerprint'),
    preset: text('preset'),
    /** The options the import was started with (mapping, market, dry run). */
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull().default('queued'),
    rowsRead: integer('rows_read').notNull().default(0),
    report: jsonb('report'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('imports_location_created').on(t.locationId, t.createdAt), index('imports_location_fingerprint').on(t.locationId, t.fingerprint)],
);
