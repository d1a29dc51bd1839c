/**
 * The touches an analytics query looks at: sent (or delivered) in the range, in the location, narrowed by
 * campaign, template, variant, channel and — through the lead's properties — market and tier. Every
 * analytics statement starts from this WHERE clause so the numbers on one screen agree with each other.
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

/** `t` is the touches alias. `$1` is always the location id. */
export function touchScope(p: Params, filter: AnalyticsFilter, alias = 't'): string {
  const parts = [
    `${alias}.location_id = $1`,
    `${alias}.status in ('sent', 'delivered')`,
    `${alias}.sent_at >= ${p.add(filter.from)}`,
    `${alias}.sent_at < ${p.add(filter.to)}`,
  ];
  if (filter.campaign) parts.push(`${alias}.campaign_id = ${p.add(filter.campaign)}`);
  if (filter.template) parts.push(`${alias}.template_key = ${p.add(filter.template)}`);
  if (filter.variant) parts.push(`${alias}.variant = ${p.add(filter.variant)}`);
  if (filter.channel) parts.push(`${alias}.channel = ${p.add(filter.channel)}`);
  const lead = leadScope(p, filter, `${alias}.contact_id`);
  if (lead) parts.push(lead);
  return parts.join(' and ');
}

/** Market and tier filters: the lead owns (or is linked to) a property in that market / tier. */
export function leadScope(p: Params, filter: Pick<AnalyticsFilter, 'market' | 'tier'>, contactColumn: string): string | null {
  if (!filter.market && !filter.tier) return null;
  const conds = [`pc.contact_id = ${contactColumn}`];
  if (filter.tier) conds.push(`p.tier = ${p.add(filter.tier)}`);
  if (filter.market) conds.push(`mk.key = ${p.add(filter.market)}`);
  return `exists (select 1 from property_contacts pc join properties p on p.id = pc.property_id${
    filter.market ? ' join markets mk on mk.id = p.market_id' : ''
  } where ${conds.join(' and ')})`;
}

/** The lead's main property (highest score): its market key and tier, for breakdowns by market or tier. */
export const MAIN_PROPERTY_LATERAL = `left join lateral (
    select p.tier, mk.key as market_key
    from property_contacts pc join properties p on p.id = pc.property_id left join markets mk on mk.id = p.market_id
    where pc.contact_id = s.contact_id
    order by p.score desc nulls last, p.id
    limit 1
  ) mp on true`;

export const INTERESTED_STATUSES = `('interested', 'negotiating', 'under_contract', 'deal_closed')`;
