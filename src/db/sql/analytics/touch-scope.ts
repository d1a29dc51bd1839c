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

/** The main property (highest score) of each lead in `leads`: its market key and tier, for breakdowns by market or tier. */
export function mainPropertyOf(leads: string): string {
  return `select x.contact_id, mp.tier, mp.market_key from (${leads}) x
  left join lateral (
    select p.tier, mk.key as market_key
    from property_contacts pc join properties p on p.id = pc.property_id left join markets mk on mk.id = p.market_id
    where pc.contact_id = x.contact_id
    order by p.score desc nulls last, p.id
    limit 1
  ) mp on true`;
}

export const INTERESTED_STATUSES = `('interested', 'negotiating', 'under_contract', 'deal_closed')`;

/**
 * Replies read from the per-lead rollup `analytics_lead_facts` (alias `f`, left-joined: null when the lead
 * has no row) instead of scanning communications. `since` is a timestamp expression; `channel`, when given,
 * keeps only replies that came in on that touch channel (a call back counts for voicemail). The common case
 * — every reply after `since` — is answered from the row's counters without opening the arrays.
 */
export class LeadReplies {
  constructor(private readonly channel?: string) {}

  private cond(since: string, until?: string): string {
    const parts = [`u.a >= ${since}`];
    if (until) parts.push(`(${until} is null or u.a < ${until})`);
    if (this.channel) parts.push(`(case u.ch when 'voice' then 'voicemail' else u.ch end) = ${this.channel}`);
    return parts.join(' and ');
  }

  private from(): string {
    return `unnest(f.reply_at, f.reply_channel, f.reply_intent) as u(a, ch, i)`;
  }

  /** Time of the first reply at or after `since` (null when none). */
  first(since: string): string {
    if (this.channel) return `case when f.last_reply_at >= ${since} then (select min(u.a) from ${this.from()} where ${this.cond(since)}) end`;
    return `case when f.first_reply_at >= ${since} then f.first_reply_at when f.last_reply_at >= ${since} then (select min(u.a) from ${this.from()} where ${this.cond(since)}) end`;
  }

  /** Number of replies at or after `since`. */
  count(since: string): string {
    if (this.channel) return `case when f.last_reply_at >= ${since} then (select count(*) from ${this.from()} where ${this.cond(since)})::int else 0 end`;
    return `case when f.first_reply_at >= ${since} then f.replies when f.last_reply_at >= ${since} then (select count(*) from ${this.from()} where ${this.cond(since)})::int else 0 end`;
  }

  /** Number of interested replies at or after `since`. */
  interested(since: string): string {
    if (this.channel) return `case when f.last_reply_at >= ${since} then (select count(*) from ${this.from()} where ${this.cond(since)} and u.i = 'interested')::int else 0 end`;
    return `case when f.first_reply_at >= ${since} then f.interested_replies when f.last_reply_at >= ${since} then (select count(*) from ${this.from()} where ${this.cond(since)} and u.i = 'interested')::int else 0 end`;
  }

  /**
   * A reply at or after `since` and before `until` (an expression that may be null: no end). Without a
   * channel, the counters settle it unless a reply came before `since` and the window is bounded.
   */
  between(since: string, until: string): string {
    const scan = `exists (select 1 from ${this.from()} where ${this.cond(since, until)})`;
    if (this.channel) return `case when f.last_reply_at >= ${since} then ${scan} else false end`;
    return `case when f.last_reply_at >= ${since} then (case when ${until} is null then true when f.first_reply_at >= ${since} then f.first_reply_at < ${until} else ${scan} end) else false end`;
  }
}
