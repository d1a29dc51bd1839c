import { z } from 'zod';
import { TierThresholdsSchema, DEFAULT_TIER_THRESHOLDS } from '../qualify/tiers.js';

/**
 * A market is data (config/markets/<id>.yaml): one county, its time zone, where its parcel and
 * distress data come from, its tier thresholds and the local context messages may mention.
 * Adding a market is adding a file; source quirks stay in the source's own block.
 */
export const SOURCE_KINDS = [
  'fl_dor_nal_csv',
  'fl_dor_sdf_csv',
  'arcgis_query',
  'socrata_soda',
  'realauction_calendar',
  'lienhub_advertised_list',
  'county_bulk_zip_csv',
  'official_records_search',
  'manual_csv',
] as const;

const FieldMapSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'canonical field names are snake_case'), z.string().min(1));

export const MarketSourceSchema = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    /** verified: a government/Esri doc or two sources agree; reported: one source; unconfirmed: a guess. */
    status: z.enum(['verified', 'reported', 'unconfirmed']),
    enabled: z.boolean().default(true),
    url: z.url().optional(),
    base_url: z.url().optional(),
    alt_url: z.url().optional(),
    /** ArcGIS attribute filter, e.g. `CO_NO=58` on the statewide cadastral layer. */
    where: z.string().optional(),
    method: z.enum(['GET', 'POST']).optional(),
    field_map: FieldMapSchema.optional(),
    quirks: z.array(z.string()).optional(),
    /** The scoring signal this source produces, when it produces one. */
    signal: z.string().optional(),
    notes: z.string().optional(),
  })
  // Adapter-specific settings (dataset ids, page sizes, seasons) pass through to the adapter.
  .catchall(z.unknown())
  .superRefine((s, ctx) => {
    const needsUrl = s.kind === 'arcgis_query' || s.kind === 'lienhub_advertised_list' || s.kind === 'county_bulk_zip_csv';
    if (needsUrl && !s.url) ctx.addIssue({ code: 'custom', path: ['url'], message: `${s.kind} sources need a url` });
    if (s.kind === 'realauction_calendar' && !s.base_url) ctx.addIssue({ code: 'custom', path: ['base_url'], message: 'realauction_calendar sources need a base_url' });
  });
export type MarketSource = z.infer<typeof MarketSourceSchema>;

export const MarketConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'market ids are kebab-case'),
    name: z.string().min(1),
    county: z.string().min(1),
    state: z.string().regex(/^[A-Z]{2}$/, 'two-letter state code'),
    fips: z.string().regex(/^\d{5}$/, 'five-digit county FIPS code'),
    /** Florida DOR county number (11–77, alphabetical), the key of the NAL/SDF files and the statewide layer. */
    fl_dor_co_no: z.number().int().min(11).max(77).optional(),
    timezone: z.string().refine(isTimeZone, 'unknown IANA time zone'),
    scoring_profile: z.string().min(1),
    tiers: TierThresholdsSchema.default(DEFAULT_TIER_THRESHOLDS),
    /** One honest, general sentence about the local market that messages may use. */
    local_context: z.string().min(1).max(200),
    cities: z.array(z.string()).default([]),
    parcel_id: z
      .object({ normalize: z.literal('strip_non_alnum_upper'), display_example: z.string().optional(), canonical_example: z.string().optional() })
      .strict()
      .optional(),
    sources: z.record(z.string(), MarketSourceSchema),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.state === 'FL' && m.fl_dor_co_no === undefined) ctx.addIssue({ code: 'custom', path: ['fl_dor_co_no'], message: 'Florida markets need their DOR county number' });
  });
export type MarketConfig = z.infer<typeof MarketConfigSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
