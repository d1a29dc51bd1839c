/**
 * The touches an analytics query looks at: campaign touches sent (or delivered) in the range, in the
 * location, narrowed by campaign, template, variant, channel and — through the lead's properties — market
 * and tier. A message sent outside a campaign (a person's inbox reply, an automatic answer, an opt-out
 * confirmation) is a touch too, but it is no campaign's work: it neither counts as sent nor contacts a lead.
 * Every analytics statement starts from this WHERE clause so the numbers on one screen agree with each other.
 */
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';

/** Positional parameters for one hand-written statement. */
export class Params {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder (`$n`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The scope on the raw `touches` table (alias `t`): what the rollup below holds, spelled out. Analytics reads
 * the rollup; this is its definition, which the rollup tests compare against. `$1` is always the location id.
 */
export function touchScope(p: Params, filter: AnalyticsFilter, alias = 't'): string {
  return withFilters(p, filter, alias, [`${alias}.status in ('sent', 'delivered')`, `${alias}.campaign_id is not null`]);
}

/**
 * The same scope read from the touch rollup `analytics_touches` (alias `t`), which holds exactly the
 * campaign touches that went out: the range and the filters, no status test.
 */
export function rollupScope(p: Params, filter: AnalyticsFilter, alias = 't'): string {
  return withFilters(p, filter, alias, []);
}

/** A partition of a lead's touches: all of them, those on one channel, those of one campaign. */
export type LinkPartition = 'channel' | 'campaign';

/**
 * The rollup's per-lead link columns (`prev_…` / `next_…`, see drizzle/0011_analytics_rebuild.sql) that
 * answer "the lead's previous / next touch in scope" for a statement that groups a lead's touches by
 * `within` (none, channel or campaign) under `filter`, and the column of the touch's ordinal in that partition
 * (drizzle/0014_analytics_touch_ordinals.sql): the partition is `within` plus the touch-level
 * filters. Null when no stored partition matches (a template or variant filter, or channel and campaign
 * together): the statement then groups or sorts the touches itself. Market and tier filters keep or drop a
 * lead as a whole, and the range only cuts the lead's sequence, so neither changes which touch comes before.
 */
export function linkColumns(filter: AnalyticsFilter, within?: LinkPartition): { prev: string; next: string; seq: string } | null {
  if (filter.template || filter.variant) return null;
  const parts = new Set<LinkPartition>();
  if (within) parts.add(within);
  if (filter.channel) parts.add('channel');
  if (filter.campaign) parts.add('campaign');
  if (parts.size > 1) return null;
  const [part] = [...parts];
  const infix = part ? `${part}_` : '';
  return { prev: `prev_${infix}sent_at`, next: `next_${infix}sent_at`, seq: `${infix}seq` };
}

/** Location, range, campaign, template, variant, channel and lead filters on top of `base`, joined with `and`. */
function withFilters(p: Params, filter: AnalyticsFilter, alias: string, base: string[]): string {
  const parts = [`${alias}.location_id = $1`, ...base, `${alias}.sent_at >= ${p.add(filter.from)}`, `${alias}.sent_at < ${p.add(filter.to)}`];
  if (filter.campaign) parts.push(`${alias}.campaign_id = ${p.add(filter.campaign)}`);
  if (filter.template) parts.push(`${alias}.template_key = ${p.add(filter.template)}`);
  if (filter.variant) parts.push(`${alias}.variant = ${p.add(filter.variant)}`);
  if (filter.channel) parts.push(`${alias}.channel = ${p.add(filter.channel)}`);
  const lead = leadScope(p, filter, `${alias}.contact_id`);
  if (lead) parts.push(lead);
  return parts.join(' and ');
}

/**
 * Market and tier filters: the lead owns (or is linked to) a property in that market / tier. The links carry
 * copies of their property's tier and market (drizzle/0015_lead_filter_copies.sql), so the filter's leads are
 * an index-only scan of `property_contacts_tier` or `property_contacts_market`. `$1` is the location id.
 */
export function leadScope(p: Params, filter: Pick<AnalyticsFilter, 'market' | 'tier'>, contactColumn: string): string | null {
  if (!filter.market && !filter.tier) return null;
  const conds = [`pc.contact_id = ${contactColumn}`];
  if (filter.tier) conds.push(`pc.tier = ${p.add(filter.tier)}`);
  if (filter.market) conds.push(`pc.market_id = (select mk.id from markets mk where mk.location_id = $1 and mk.key = ${p.add(filter.market)})`);
  return `exists (select 1 from property_contacts pc where ${conds.join(' and ')})`;
}

/**
 * The touch-level filters (campaign, template, variant, channel) for something that happened to a lead at
 * `timeColumn` — a reply, an objection, an opt-out, a handoff, a blocked send: the lead had been sent such a
 * touch by then, so the event answers (or follows) that campaign's, template's, variant's or channel's work.
 * Null when the filter has none of them. `$1` is the location id.
 */
export function touchedScope(p: Params, filter: Pick<AnalyticsFilter, 'campaign' | 'template' | 'variant' | 'channel'>, contactColumn: string, timeColumn: string): string | null {
  const conds = touchConditions(p, filter, 'ts');
  if (conds.length === 0) return null;
  return `exists (select 1 from analytics_touches ts where ts.contact_id = ${contactColumn} and ts.location_id = $1 and ts.sent_at <= ${timeColumn} and ${conds.join(' and ')})`;
}

/**
 * Template, variant and channel filters for an enrollment (alias `alias`): the enrolled lead was sent a touch of
 * that campaign with that template, variant or channel. A variant is drawn per step, so it is the touches', not
 * the enrollment's. Null when the filter has none of them. `$1` is the location id.
 */
export function enrollmentTouched(p: Params, filter: Pick<AnalyticsFilter, 'template' | 'variant' | 'channel'>, alias = 'e'): string | null {
  const conds = touchConditions(p, { template: filter.template, variant: filter.variant, channel: filter.channel }, 'te');
  if (conds.length === 0) return null;
  return `exists (select 1 from analytics_touches te where te.contact_id = ${alias}.contact_id and te.campaign_id = ${alias}.campaign_id and te.location_id = $1 and ${conds.join(' and ')})`;
}

/** The touch-level filters (campaign, template, variant, channel) as conditions on the touch alias `alias`. */
export function touchConditions(p: Params, filter: Pick<AnalyticsFilter, 'campaign' | 'template' | 'variant' | 'channel'>, alias: string): string[] {
  const conds: string[] = [];
  if (filter.campaign) conds.push(`${alias}.campaign_id = ${p.add(filter.campaign)}`);
  if (filter.template) conds.push(`${alias}.template_key = ${p.add(filter.template)}`);
  if (filter.variant) conds.push(`${alias}.variant = ${p.add(filter.variant)}`);
  if (filter.channel) conds.push(`${alias}.channel = ${p.add(filter.channel)}`);
  return conds;
}

export const INTERESTED_STATUSES = `('interested', 'negotiating', 'under_contract', 'deal_closed')`;
