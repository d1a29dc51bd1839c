import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pk, ts, updatedAt } from './columns.js';

/** A tenant (GoHighLevel's "location"): one business with its own keys, contacts, campaigns and caps. */
export const locations = pgTable(
  'locations',
  {
    id: pk(),
    businessName: text('business_name').notNull(),
    postalAddress: text('postal_address'),
    timeZone: text('time_zone').notNull().default('America/New_York'),
    phone: text('phone'),
    email: text('email'),
    agentName: text('agent_name'),
    dailySmsCap: integer('daily_sms_cap').notNull().default(500),
    maxMessagesPerContactPerDay: integer('max_messages_per_contact_per_day').notNull().default(1),
    /** Free-form settings: provider overrides, notification targets, compliance switches (each change logged). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    ghlLocationId: text('ghl_location_id'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('locations_ghl_location_id_key').on(t.ghlLocationId).where(sql`${t.ghlLocationId} is not null`)],
);

/** API keys: shown once, stored as a SHA-256 hash, scoped to one location. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_key').on(t.hash), index('api_keys_location_idx').on(t.locationId)],
);

/** Changes to settings that loosen a default (counsel approvals, exemptions) are kept here for the record. */
export const settingChanges = pgTable(
  'setting_changes',
  {
    id: pk(),
    locationId: uuid('location_id').notNull().references(() => locations.id, { onDelete: 'cascade' }),
    setting: text('setting').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedBy: text('changed_by'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('setting_changes_location_idx').on(t.locationId, t.createdAt)],
);
