/**
 * Acceptance (issue 7): contacts in a 5-touch campaign advanced through 21 days on a pinned clock, through
 * the real scheduler, compliance engine and dispatcher with the sandbox channels — every touch sent exactly
 * once, only at allowed times, every deferral and block recorded with its rules.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { localEpochMs } from '../../src/domain/compliance/time/local-time.js';
import { createCampaign } from '../../src/services/campaigns/create-campaign.js';
import { createContactsBatch } from '../../src/services/contacts/create-contacts-batch.js';
import { channelsFor } from '../../src/services/outreach/channels.js';
import { dispatchTouches } from '../../src/services/outreach/dispatch-touches.js';
import { enrollContacts } from '../../src/services/outreach/enroll-contacts.js';
import { scheduleTouches } from '../../src/services/outreach/schedule-touches.js';
import { importDncFile } from '../../src/services/suppressions/import-dnc-file.js';
import { databaseTargets } from '../helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../helpers/test-services.js';

// The acceptance figure, 1,000 contacts, on PostgreSQL; a fifth of it on the embedded database keeps the
// suite's time in check (the same code paths run).
const contactsFor = (kind: string): number => Number(process.env.CURB_E2E_CONTACTS ?? (kind === 'postgres' ? 1000 : 200));
// Monday 2025-06-09 05:00 in Orlando (09:00Z): before the 08:00 window opens.
const START = '2025-06-09T09:00:00.000Z';
const TICK_MS = 15 * 60_000;
const DAYS = 21;
const AREA_CODES = ['407', '321', '305', '813', '904', '850', '386', '727'];

describe.each(databaseTargets())('outreach end to end: %s', (kind) => {
  const CONTACTS = contactsFor(kind);
  let ctx: TestContext;
  let dir: string;
  let locationId: string;
  const clock = fixedClock(START);
  const listed = new Set<string>();

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock });
    ({ location: { id: locationId } } = await createTenant(ctx.services));
    dir = mkdtempSync(join(tmpdir(), 'curb-e2e-outreach-'));
    const inputs = Array.from({ length: CONTACTS }, (_, i) => {
      const phone = `${AREA_CODES[i % AREA_CODES.length]}555${String(1000 + i).padStart(4, '0')}`;
      if (i % 50 === 7) listed.add(`+1${phone}`);
      return { ownerName: `Owner ${i}`, phone, email: `owner${i}@example.com`, mailingState: 'FL' };
    });
    const created = await createContactsBatch(ctx.services, { locationId, inputs });
    expect(created.errors).toEqual([]);
    // Every owner signed the web form's written consent a month ago — except the owners of numbers on the
    // national list (written consent would exempt them from it).
    await ctx.services.database.executeSql(
      `insert into consent_events (id, location_id, contact_id, kind, channel, source, occurred_at, created_at)
       select gen_random_uuid(), location_id, id, 'written', 'any', 'web_form', '2025-05-01T12:00:00Z', '2025-05-01T12:00:00Z' from contacts where location_id = $1 and not (phone = any($2::text[]))`,
      [locationId, [...listed]],
    );
    // Each owner owns one house; the location signs its messages.
    await ctx.services.database.executeSql(
      `with c as (select id, row_number() over (order by id) as n from contacts where location_id = $1),
            p as (insert into properties (id, location_id, parcel_id, situs_address, situs_city, situs_state, situs_zip, owner_name, source, created_at, updated_at)
                  select gen_random_uuid(), $1, 'P-' || n, n || ' Lake Ave', 'Orlando', 'FL', '32801', 'Owner', 'test', now(), now() from c returning id, parcel_id)
       insert into property_contacts (property_id, contact_id) select p.id, c.id from p join c on p.parcel_id = 'P-' || c.n`,
      [locationId],
    );
    await ctx.services.database.executeSql(`update locations set agent_name = 'Jane Buyer', phone = '+14075550100' where id = $1`, [locationId]);
    const path = join(dir, 'national.txt');
    writeFileSync(path, `${[...listed].map((p) => p.slice(2)).join('\n')}\n`);
    await importDncFile(ctx.services, { list: 'national_dnc', path, listDate: '2025-06-08' });
  }, 300_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx?.close();
  });

  it(`sends every touch once, at allowed times, for ${CONTACTS} contacts over ${DAYS} days`, async () => {
    const campaign = await createCampaign(ctx.services, {
      locationId,
      input: {
        name: 'Orlando absentee owners',
        active: true,
        steps: [
          { channel: 'sms', delayMinutes: 0 },
          { channel: 'email', delayMinutes: 24 * 60 },
          { channel: 'sms', delayMinutes: 2 * 24 * 60 },
          { channel: 'voicemail', delayMinutes: 2 * 24 * 60 },
          { channel: 'email', delayMinutes: 3 * 24 * 60 },
        ],
        scheduleConfig: { nurtureAfterMinutes: 5 * 24 * 60 },
        caps: { dailySmsCap: 100_000 },
      },
    });
    await ctx.services.database.executeSql('update locations set daily_sms_cap = 100000 where id = $1', [locationId]);
    const enrolled = await enrollContacts(ctx.services, { locationId, campaignId: campaign.id, input: { filter: undefined, contactIds: (await ctx.services.database.executeSql<{ id: string }>('select id from contacts where location_id = $1', [locationId])).rows.map((r) => r.id) } });
    expect(enrolled.enrolled).toBe(CONTACTS);
    const again = await enrollContacts(ctx.services, { locationId, campaignId: campaign.id, input: { contactIds: enrolled.enrollmentIds.length > 0 ? (await ctx.services.database.executeSql<{ contact_id: string }>('select contact_id from enrollments limit 5')).rows.map((r) => r.contact_id) : [] } });
    expect(again).toMatchObject({ enrolled: 0, alreadyEnrolled: 5 });

    const channels = channelsFor(ctx.services);
    const end = new Date(START).getTime() + DAYS * 24 * 3_600_000;
    while (clock.now().getTime() <= end) {
      for (;;) {
        const r = await scheduleTouches(ctx.services, { limit: 500 });
        if (r.claimed === 0) break;
      }
      for (;;) {
        const r = await dispatchTouches(ctx.services, channels, { limit: 500 });
        if (r.claimed === 0 && r.recovered === 0) break;
      }
      clock.advance(TICK_MS);
    }

    const q = <T>(text: string, values: unknown[] = []) => ctx.services.database.executeSql<T>(text, values).then((r) => r.rows);
    // Every enrollment ran to the end of its cadence.
    expect(await q<{ status: string; n: number }>('select status, count(*)::int as n from enrollments group by status')).toEqual([{ status: 'completed', n: CONTACTS }]);

    // Exactly once: one touch per contact and step; sent touches = outbox entries, no key twice.
    const perStep = await q<{ n: number }>(`select count(*)::int as n from touches group by contact_id, step having count(*) > 1`);
    expect(perStep).toEqual([]);
    const sent = await q<{ channel: string; n: number }>(`select channel, count(*)::int as n from touches where status = 'sent' group by channel order by channel`);
    const outbox = await q<{ channel: string; n: number; keys: number }>(`select channel, count(*)::int as n, count(distinct idempotency_key)::int as keys from sandbox_outbox group by channel order by channel`);
    const sentBy = Object.fromEntries(sent.map((r) => [r.channel, r.n]));
    const outboxBy = Object.fromEntries(outbox.map((r) => [r.channel === 'voice' ? 'voicemail' : r.channel, r.n]));
    expect(outboxBy).toEqual(sentBy);
    for (const r of outbox) expect(r.keys).toBe(r.n);
    const unlisted = CONTACTS - listed.size;
    // Listed numbers: their texts and voicemails are blocked (F2); their emails still go out.
    expect(sentBy).toEqual({ email: 2 * CONTACTS, sms: 2 * unlisted, voicemail: unlisted });

    // Only with a stored allow, only inside 08:00–20:00 Florida time, never on a Sunday... (FL S-rules) and ≤ 1 a day.
    const sends = await q<{ sent_at: Date; decision: string | null; to_address: string; channel: string }>(
      `select t.sent_at, d.decision, t.to_address, t.channel from touches t left join compliance_decisions d on d.id = t.compliance_decision_id where t.status = 'sent'`,
    );
    for (const s of sends) {
      expect(s.decision).toBe('allow');
      if (s.channel === 'email') continue;
      const zones = s.to_address.startsWith('+1850') ? ['America/Chicago', 'America/New_York'] : ['America/New_York'];
      for (const zone of zones) {
        const hour = Math.floor((localEpochMs(zone, new Date(s.sent_at).getTime()) % 86_400_000) / 3_600_000);
        expect(hour).toBeGreaterThanOrEqual(8);
        expect(hour).toBeLessThan(20);
      }
    }
    const perDay = await q<{ n: number }>(
      `select count(*)::int as n from touches a join touches b on a.contact_id = b.contact_id and a.id < b.id
       where a.status = 'sent' and b.status = 'sent' and abs(extract(epoch from a.sent_at - b.sent_at)) < 86400`,
    );
    expect(perDay[0]!.n).toBe(0);

    // Deferrals (the 05:00 start is in quiet hours) and blocks are recorded with their rules.
    const deferred = await q<{ n: number }>(`select count(*)::int as n from compliance_decisions where decision = 'defer' and cardinality(rules) > 0`);
    expect(deferred[0]!.n).toBeGreaterThan(0);
    const blocked = await q<{ n: number; with_rule: number }>(`select count(*)::int as n, count(*) filter (where 'F2' = any(rules))::int as with_rule from compliance_decisions where decision = 'block'`);
    expect(blocked[0]!.n).toBe(3 * listed.size);
    expect(blocked[0]!.with_rule).toBe(3 * listed.size);
    const blockedTouches = await q<{ n: number }>(`select count(*)::int as n from touches where status = 'blocked' and error_message like '%F2%'`);
    expect(blockedTouches[0]!.n).toBe(3 * listed.size);
  }, 1_200_000);
});
