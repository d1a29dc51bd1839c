import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { contacts, markets, properties, propertyContacts } from '../../db/schema/index.js';
import { anyOf } from '../../db/sql/any-of.js';
import { distressReason } from '../../domain/messages/distress-reason.js';
import { DEFAULT_MARKET_CONTEXTS, marketContextFor } from '../../domain/messages/market-context.js';
import type { Channel, TemplateVars } from '../../domain/messages/template.js';
import type { ServiceDeps } from '../app-services.js';
import type { Contact } from '../contacts/contact-schemas.js';
import { getContact } from '../contacts/get-contact.js';
import type { Location } from '../locations/location-schemas.js';
import { getLocation } from '../locations/get-location.js';

export interface MessageContext {
  contact: Contact;
  location: Location;
  property: typeof properties.$inferSelect | null;
  market: typeof markets.$inferSelect | null;
  /** Template variables from the contact, its property, the market and the location. */
  vars: TemplateVars;
}

export interface LoadMessageContextOptions {
  locationId: string;
  contactId: string;
  channel: Channel;
}

function setting(settings: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = settings[n];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** `+14075550100` → `(407) 555-0100`, as a person would say it; other numbers as stored. */
function formatUsPhone(phone: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : phone;
}

/** The location's part of the variables: who writes, and how to reach them. */
export function locationVars(location: Pick<Location, 'agentName' | 'businessName' | 'phone' | 'postalAddress' | 'settings'>): TemplateVars {
  return {
    agent_name: location.agentName ?? undefined,
    company: location.businessName,
    agent_phone: location.phone ? formatUsPhone(location.phone) : undefined,
    postal_address: location.postalAddress ?? undefined,
    offer_link: setting(location.settings, 'offerLink', 'offer_link'),
    unsubscribe_url: setting(location.settings, 'unsubscribeUrl', 'unsubscribe_url'),
  };
}

// A market's own local context is one text; an SMS only takes it when it is a few words.
function marketContext(market: typeof markets.$inferSelect | null, channel: Channel): string | undefined {
  if (!market) return undefined;
  const own = market.localContext?.trim();
  if (own && (channel !== 'sms' || own.length <= 40)) return own;
  return marketContextFor({ market: market.key, channel, contexts: DEFAULT_MARKET_CONTEXTS });
}

/**
 * Everything a message to one contact may say, read from the records: the contact, the property it owns
 * (an owner link first, else the parcel id), that property's market and the location's settings.
 */
export async function loadMessageContext(deps: Pick<ServiceDeps, 'db'>, options: LoadMessageContextOptions): Promise<MessageContext> {
  const { locationId, contactId, channel } = options;
  const [contact, location] = await Promise.all([getContact(deps, { locationId, contactId }), getLocation(deps, { locationId })]);
  let [property] = await deps.db
    .select({ p: properties })
    .from(propertyContacts)
    .innerJoin(properties, and(eq(properties.id, propertyContacts.propertyId), eq(properties.locationId, locationId)))
    .where(eq(propertyContacts.contactId, contact.id))
    .orderBy(desc(sql`${propertyContacts.role} = 'owner'`), asc(propertyContacts.createdAt))
    .limit(1)
    .then((rows) => rows.map((r) => r.p));
  if (!property && contact.parcelId) {
    [property] = await deps.db
      .select()
      .from(properties)
      .where(and(eq(properties.locationId, locationId), eq(properties.parcelId, contact.parcelId)))
      .limit(1);
  }
  const market = property?.marketId
    ? ((await deps.db.select().from(markets).where(and(eq(markets.id, property.marketId), eq(markets.locationId, locationId))).limit(1))[0] ?? null)
    : null;
  const vars = messageVars({ contact, location, property: property ?? null, market: market ?? null, channel });
  return { contact, location, property: property ?? null, market: market ?? null, vars };
}

type PropertyRow = typeof properties.$inferSelect;
type MarketRow = typeof markets.$inferSelect;

/** The variables of one message, from the records it may draw on. */
function messageVars(o: {
  contact: { ownerName: string | null; firstName: string | null };
  location: Pick<Location, 'agentName' | 'businessName' | 'phone' | 'postalAddress' | 'settings'>;
  property: PropertyRow | null;
  market: MarketRow | null;
  channel: Channel;
}): TemplateVars {
  const { property, market } = o;
  return {
    owner_name: o.contact.ownerName ?? undefined,
    first_name: o.contact.firstName ?? undefined,
    situs_address: property?.situsAddress ?? undefined,
    city: property?.situsCity ?? undefined,
    county: market?.county ?? undefined,
    state: property?.situsState ?? market?.state ?? undefined,
    distress_reason: property ? distressReason({ contributions: property.scoreContributions, signals: property.signals }) : undefined,
    market_context: marketContext(market, o.channel),
    ...locationVars(o.location),
  };
}

/**
 * The variables for many contacts of one location at once, in four queries (the scheduler's batches):
 * contact id → the variables and the market key. Unknown contacts are left out.
 */
export async function loadMessageVars(
  deps: Pick<ServiceDeps, 'db'>,
  o: { locationId: string; channel: Channel; contactIds: readonly string[] },
): Promise<Map<string, { vars: TemplateVars; marketKey: string | null }>> {
  const out = new Map<string, { vars: TemplateVars; marketKey: string | null }>();
  const ids = [...new Set(o.contactIds)];
  if (ids.length === 0) return out;
  const [contactRows, location, links] = await Promise.all([
    deps.db.select({ id: contacts.id, ownerName: contacts.ownerName, firstName: contacts.firstName, parcelId: contacts.parcelId }).from(contacts).where(and(eq(contacts.locationId, o.locationId), anyOf(contacts.id, ids, 'uuid'))),
    getLocation(deps, { locationId: o.locationId }),
    deps.db
      .select({ contactId: propertyContacts.contactId, p: properties })
      .from(propertyContacts)
      .innerJoin(properties, and(eq(properties.id, propertyContacts.propertyId), eq(properties.locationId, o.locationId)))
      .where(anyOf(propertyContacts.contactId, ids, 'uuid'))
      .orderBy(desc(sql`${propertyContacts.role} = 'owner'`), asc(propertyContacts.createdAt)),
  ]);
  const propertyOf = new Map<string, PropertyRow>();
  for (const l of links) if (!propertyOf.has(l.contactId)) propertyOf.set(l.contactId, l.p);
  const byParcel = contactRows.filter((c) => !propertyOf.has(c.id) && c.parcelId).map((c) => c.parcelId!);
  if (byParcel.length > 0) {
    const rows = await deps.db.select().from(properties).where(and(eq(properties.locationId, o.locationId), inArray(properties.parcelId, byParcel)));
    const parcel = new Map(rows.map((r) => [r.parcelId, r]));
    for (const c of contactRows) if (!propertyOf.has(c.id) && c.parcelId && parcel.has(c.parcelId)) propertyOf.set(c.id, parcel.get(c.parcelId)!);
  }
  const marketIds = [...new Set([...propertyOf.values()].map((p) => p.marketId).filter((m): m is string => m !== null))];
  const marketRows = marketIds.length === 0 ? [] : await deps.db.select().from(markets).where(and(eq(markets.locationId, o.locationId), inArray(markets.id, marketIds)));
  const marketById = new Map(marketRows.map((m) => [m.id, m]));
  for (const c of contactRows) {
    const property = propertyOf.get(c.id) ?? null;
    const market = property?.marketId ? (marketById.get(property.marketId) ?? null) : null;
    out.set(c.id, { vars: messageVars({ contact: c, location, property, market, channel: o.channel }), marketKey: market?.key ?? null });
  }
  return out;
}
