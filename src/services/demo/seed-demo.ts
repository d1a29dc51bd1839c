/**
 * The demo's starting point, built only through Curb's own front doors: a location marked as demo data,
 * a lead list imported by the real importer (scored and tiered by the real scoring profile of the Orange
 * County market), written consent recorded for some owners, a national DNC file imported for others, and a
 * 21-day multi-channel campaign with its target tiers enrolled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManualClock } from '../../lib/clock.js';
import type { AppServices } from '../app-services.js';
import { createApiKey } from '../auth/create-api-key.js';
import { createCampaign } from '../campaigns/create-campaign.js';
import { recordConsent } from '../consent/record-consent.js';
import { importLeads } from '../leads/import-leads.js';
import { createLocation } from '../locations/create-location.js';
import { enrollContacts } from '../outreach/enroll-contacts.js';
import { importDncFile } from '../suppressions/import-dnc-file.js';
import type { Random } from './seeded-random.js';
import { type DemoOwner, ownersToCsv, synthesizeOwners } from './synthesize-owners.js';

export const DEMO_BUSINESS_NAME = 'Demo Home Buyers (demo data)';
/** The demo business's texting number and the phone its person is notified on (fictional 555-01XX). */
export const DEMO_SMS_NUMBER = '+14075550100';
export const DEMO_NOTIFY_NUMBER = '+14075550199';
/** Signs the demo's simulated Twilio webhooks; never a real account's token. */
export const DEMO_TWILIO_AUTH_TOKEN = 'demo-twilio-auth-token-not-a-secret';
export const DEMO_MARKET = 'orange-fl';

export interface DemoContact {
  contactId: string;
  owner: DemoOwner;
  street: string;
}

export interface SeededDemo {
  locationId: string;
  apiKey: string;
  campaignId: string;
  owners: DemoOwner[];
  /** By contact id. */
  contacts: Map<string, DemoContact>;
  imported: number;
  enrolled: number;
  dncNumbers: number;
  tiers: Record<string, number>;
}

const CONSENT_TEXT =
  'By submitting this form you agree that Demo Home Buyers may send you automated marketing texts and calls about selling your property at the number provided. Consent is not a condition of any purchase. Msg & data rates may apply. Reply STOP to opt out.';

export async function seedDemo(services: AppServices & { clock: ManualClock }, o: { random: Random; owners: number }): Promise<SeededDemo> {
  const now = services.clock.now();
  const location = await createLocation(services, {
    input: {
      businessName: DEMO_BUSINESS_NAME,
      postalAddress: '100 Example Plaza, Orlando, FL 32801',
      timeZone: 'America/New_York',
      phone: DEMO_SMS_NUMBER,
      email: 'jane@example.com',
      agentName: 'Jane',
      dailySmsCap: 5000,
      // `demo` is what the dashboard shows its banner for.
      settings: {
        demo: true,
        conversations: { smsNumbers: [DEMO_SMS_NUMBER], twilioAuthToken: DEMO_TWILIO_AUTH_TOKEN, notifySmsTo: DEMO_NOTIFY_NUMBER, notifyEmailTo: 'jane@example.com' },
      },
    },
    isDefault: true,
  });
  const { key } = await createApiKey(services, { locationId: location.id, name: 'demo' });

  const owners = synthesizeOwners(o.random, { count: o.owners, asOf: now });
  const dir = mkdtempSync(join(tmpdir(), 'curb-demo-'));
  try {
    // 1. The list, through the importer a user's PropStream export takes.
    const listPath = join(dir, 'demo-orange-fl-owners.csv');
    writeFileSync(listPath, ownersToCsv(owners));
    const imported = await importLeads(services, { locationId: location.id, input: listPath, preset: 'generic', market: DEMO_MARKET, fileName: 'demo-orange-fl-owners.csv' });
    if (!imported.ok) throw new Error(`demo list import failed: ${imported.error.message}`);

    const byParcel = new Map(owners.map((w) => [w.parcelId.replace(/[^0-9A-Za-z]/g, '').toUpperCase(), w]));
    const { rows } = await services.database.executeSql<{ contact_id: string; parcel_id: string; situs_address: string | null }>(
      `select pc.contact_id, p.parcel_id, p.situs_address from property_contacts pc join properties p on p.id = pc.property_id where p.location_id = $1`,
      [location.id],
    );
    const contacts = new Map<string, DemoContact>();
    for (const r of rows) {
      const owner = byParcel.get(String(r.parcel_id).replace(/[^0-9A-Za-z]/g, '').toUpperCase());
      if (owner) contacts.set(r.contact_id, { contactId: r.contact_id, owner, street: r.situs_address ?? owner.situs.line1 });
    }

    // 2. Written consent from the web form, for the owners who gave it (the others are cold).
    for (const c of contacts.values()) {
      if (!c.owner.writtenConsent) continue;
      const at = new Date(now.getTime() - o.random.int(5, 60) * 86_400_000);
      await recordConsent(services, { locationId: location.id, contactId: c.contactId, input: { kind: 'written', channel: 'any', source: 'web_form', textShown: CONSENT_TEXT, occurredAt: at.toISOString() } });
    }

    // 3. The National DNC Registry download (area codes of the list), yesterday: the scrub date (F3).
    const listed = owners.filter((w) => w.nationalDnc).flatMap((w) => w.phones.map((p) => p.slice(2)));
    const dncPath = join(dir, 'national-dnc.txt');
    writeFileSync(dncPath, `${[...listed, '4075550000', '3215550000'].join('\n')}\n`);
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    await importDncFile(services, { list: 'national_dnc', path: dncPath, listDate: yesterday });

    // 4. The campaign: a text, an email, a second text, a voicemail, an email and a last text over three weeks.
    const campaign = await createCampaign(services, {
      locationId: location.id,
      input: {
        name: 'Orange County motivated sellers (demo)',
        type: 'drip',
        targetTiers: ['A', 'B+', 'B', 'C'],
        targetMarkets: [DEMO_MARKET],
        active: true,
        steps: [
          { name: 'intro text', channel: 'sms', delayMinutes: 0 },
          { name: 'intro email', channel: 'email', delayMinutes: 24 * 60 },
          { name: 'follow-up text', channel: 'sms', delayMinutes: 2 * 24 * 60 },
          { name: 'voicemail', channel: 'voicemail', delayMinutes: 2 * 24 * 60 },
          { name: 'follow-up email', channel: 'email', delayMinutes: 3 * 24 * 60 },
          { name: 'last text', channel: 'sms', delayMinutes: 5 * 24 * 60 },
        ],
        scheduleConfig: { nurtureAfterMinutes: 5 * 24 * 60 },
      },
    });
    const enrolled = await enrollContacts(services, { locationId: location.id, campaignId: campaign.id, input: { filter: {} } });
    const tiers = await services.database.executeSql<{ tier: string | null; n: number }>(
      'select tier, count(*)::int as n from properties where location_id = $1 group by tier order by tier',
      [location.id],
    );
    return {
      locationId: location.id,
      apiKey: key,
      campaignId: campaign.id,
      owners,
      contacts,
      imported: imported.value.report.imported,
      enrolled: enrolled.enrolled,
      dncNumbers: listed.length,
      tiers: Object.fromEntries(tiers.rows.map((r) => [r.tier ?? 'none', Number(r.n)])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
