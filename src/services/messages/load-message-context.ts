import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { markets, properties, propertyContacts } from '../../db/schema/index.js';
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
  const vars: TemplateVars = {
    owner_name: contact.ownerName ?? undefined,
    first_name: contact.firstName ?? undefined,
    situs_address: property?.situsAddress ?? undefined,
    city: property?.situsCity ?? undefined,
    county: market?.county ?? undefined,
    state: property?.situsState ?? market?.state ?? undefined,
    distress_reason: property ? distressReason({ contributions: property.scoreContributions, signals: property.signals }) : undefined,
    market_context: marketContext(market ?? null, channel),
    ...locationVars(location),
  };
  return { contact, location, property: property ?? null, market: market ?? null, vars };
}
