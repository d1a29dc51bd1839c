import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { campaigns, contacts, deals } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { parseBound as bound } from '../analytics/resolve-filter.js';
import type { ServiceDeps } from '../app-services.js';
import type { Deal, DealListQuery } from './deal-schemas.js';
import { toDeal } from './to-deal.js';


/** Deals of the location, most recently closed first. */
export async function listDeals(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; query: DealListQuery; dealId?: string }): Promise<Deal[]> {
  const q = options.query;
  const rows = await deps.db
    .select({ deal: deals, contactName: contacts.ownerName, campaignName: campaigns.name })
    .from(deals)
    .leftJoin(contacts, eq(contacts.id, deals.contactId))
    .leftJoin(campaigns, eq(campaigns.id, deals.campaignId))
    .where(
      and(
        eq(deals.locationId, options.locationId),
        options.dealId ? eq(deals.id, options.dealId) : undefined,
        q.from ? gte(deals.closedAt, bound(q.from, false)) : undefined,
        q.to ? lt(deals.closedAt, bound(q.to, true)) : undefined,
        q.campaign ? eq(deals.campaignId, q.campaign) : undefined,
        // Market and tier keep the deals of leads with such a property, as the analytics' lead filters do.
        q.tier ? sql`exists (select 1 from property_contacts pc where pc.contact_id = ${deals.contactId} and pc.tier = ${q.tier})` : undefined,
        q.market
          ? sql`exists (select 1 from property_contacts pc where pc.contact_id = ${deals.contactId}
                 and pc.market_id = (select mk.id from markets mk where mk.location_id = ${options.locationId} and mk.key = ${q.market}))`
          : undefined,
      ),
    )
    .orderBy(desc(deals.closedAt), desc(deals.id))
    .limit(q.limit);
  return rows.map((r) => toDeal(r.deal, { contactName: r.contactName, campaignName: r.campaignName }));
}

export async function getDeal(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; dealId: string }): Promise<Deal> {
  const [deal] = await listDeals(deps, { locationId: options.locationId, dealId: options.dealId, query: { limit: 1 } });
  if (!deal) throw notFound('deal', options.dealId);
  return deal;
}
