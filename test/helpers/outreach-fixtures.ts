/**
 * Bulk fixtures for outreach tests and benchmarks: a location whose contacts all gave written consent,
 * a fresh national-list scrub, a property per owner (so templates have an address), and optionally
 * touches already allowed and queued for the dispatcher.
 */
import { encrypt } from '../../src/lib/crypto.js';
import { newId } from '../../src/lib/ids.js';
import type { AppServices } from '../../src/services/app-services.js';
import { createLocation } from '../../src/services/locations/create-location.js';

export interface OutreachFixture {
  locationId: string;
  contactIds: string[];
  phones: string[];
}

const AREA_CODES = ['407', '321', '305', '813', '904', '386', '727', '561'];

/** `n` consenting owners in Florida with one property each, on a location with caps out of the way. */
export async function seedOutreachContacts(services: AppServices, n: number, o: { at: Date; name?: string; phoneOffset?: number }): Promise<OutreachFixture> {
  const location = await createLocation(services, { input: { businessName: o.name ?? 'Acme Home Buyers', postalAddress: '100 Main St, Orlando, FL 32801' } });
  const db = services.database;
  await db.executeSql(`update locations set agent_name = 'Jane Buyer', phone = '+14075550100', daily_sms_cap = 10000000 where id = $1`, [location.id]);
  const ids: string[] = [];
  const phones: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(newId());
    const k = i + (o.phoneOffset ?? 0);
    phones.push(`+1${AREA_CODES[k % AREA_CODES.length]}${String(2000000 + Math.floor(k / AREA_CODES.length)).padStart(7, '0')}`);
  }
  const at = o.at.toISOString();
  await db.executeSql(
    `insert into contacts (id, location_id, owner_name, first_name, phone, email, mailing_state, source, created_at, updated_at)
     select id, $1, 'Owner ' || ord, 'Owner', phone, 'owner' || ord || '@example.com', 'FL', 'test', $4, $4
     from unnest($2::uuid[], $3::text[]) with ordinality as t(id, phone, ord)`,
    [location.id, ids, phones, at],
  );
  await db.executeSql(
    `insert into contact_points (id, location_id, contact_id, kind, value, status, source, created_at, updated_at)
     select gen_random_uuid(), $1, id, 'phone', phone, 'active', 'test', $4, $4 from unnest($2::uuid[], $3::text[]) as t(id, phone)`,
    [location.id, ids, phones, at],
  );
  await db.executeSql(
    `insert into consent_events (id, location_id, contact_id, kind, channel, source, occurred_at, created_at)
     select gen_random_uuid(), $1, id, 'written', 'any', 'web_form', $3::timestamptz - interval '30 days', $3 from unnest($2::uuid[]) as t(id)`,
    [location.id, ids, at],
  );
  await db.executeSql(
    `with c as (select id, ord from unnest($2::uuid[]) with ordinality as t(id, ord)),
          p as (insert into properties (id, location_id, parcel_id, situs_address, situs_city, situs_state, situs_zip, owner_name, source, created_at, updated_at)
                select gen_random_uuid(), $1, 'P-' || ord, ord || ' Lake Ave', 'Orlando', 'FL', '32801', 'Owner', 'test', $3, $3 from c returning id, parcel_id)
     insert into property_contacts (property_id, contact_id) select p.id, c.id from p join c on p.parcel_id = 'P-' || c.ord`,
    [location.id, ids, at],
  );
  // A national-list download the day before: F3's scrub date.
  await db.executeSql(`insert into suppression_lists (id, list, list_date, file_name, created_at) values (gen_random_uuid(), 'national_dnc', ($1::timestamptz - interval '1 day')::date, 'fixture', $1)`, [at]);
  return { locationId: location.id, contactIds: ids, phones };
}

/** Touches already allowed (a recorded allow decision each) and queued for the dispatcher, one SMS per contact. */
export async function seedQueuedSms(services: AppServices, f: OutreachFixture, at: Date): Promise<string[]> {
  const touchIds = f.contactIds.map(() => newId());
  const decisionIds = f.contactIds.map(() => newId());
  const bodies = f.contactIds.map((_, i) => encrypt(services.keyRing, `Hi Owner, this is Jane with Acme Home Buyers. Would you consider an offer on ${i + 1} Lake Ave? Reply STOP to opt out.`));
  const iso = at.toISOString();
  await services.database.executeSql(
    `insert into compliance_decisions (id, location_id, contact_id, touch_id, channel, purpose, to_address, decision, rules, reasons, inputs, decided_at)
     select d, $1, c, t, 'sms', 'marketing', p, 'allow', '{}', '[]'::jsonb, '{}'::jsonb, $6
     from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[]) as x(d, c, t, p)`,
    [f.locationId, decisionIds, f.contactIds, touchIds, f.phones, iso],
  );
  await services.database.executeSql(
    `insert into touches (id, location_id, contact_id, channel, idempotency_key, status, to_address, body_enc, purpose, initiation, author, compliance_decision_id, scheduled_for, next_attempt_at, created_at, updated_at)
     select t, $1, c, 'sms', c || ':bench:' || $6, 'queued', p, b, 'marketing', 'automated', 'template', d, $6::timestamptz, $6::timestamptz, $6::timestamptz, $6::timestamptz
     from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $7::text[]) as x(t, c, d, p, b)`,
    [f.locationId, touchIds, f.contactIds, decisionIds, f.phones, iso, bodies],
  );
  return touchIds;
}
