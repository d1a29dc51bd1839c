import { sql } from 'drizzle-orm';
import { index, integer, pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pk, ts, updatedAt } from './columns.js';
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
