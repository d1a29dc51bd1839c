import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOutreachContacts, type OutreachFixture } from '../../../test/helpers/outreach-fixtures.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTestContext, REFERENCE_INSTANT, type TestContext } from '../../../test/helpers/test-services.js';
import { fixedClock } from '../../lib/clock.js';
import { getComplianceSummary } from '../analytics/get-compliance-summary.js';
import { getRollingWindows } from '../analytics/get-rolling-windows.js';
import { createCampaign } from '../campaigns/create-campaign.js';
import { channelsFor } from './channels.js';
import { dispatchTouches } from './dispatch-touches.js';
import { enrollContacts } from './enroll-contacts.js';
import { scheduleTouches } from './schedule-touches.js';

// The pinned clock: 2025-06-10T15:00Z, a Tuesday, 11:00 in Orlando: inside every window.
describe.each(databaseTargets())('scheduleTouches and dispatchTouches: routing and scope (%s)', (kind) => {
  let ctx: TestContext;
  let acme: OutreachFixture;
  let other: OutreachFixture;
  const clock = fixedClock(REFERENCE_INSTANT);
  const sql = async <T>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;

  const enrollAll = async (f: OutreachFixture) => {
    const campaign = await createCampaign(ctx.services, { locationId: f.locationId, input: { name: 'first text', active: true, steps: [{ channel: 'sms', delayMinutes: 0 }] } });
    await enrollContacts(ctx.services, { locationId: f.locationId, campaignId: campaign.id, input: { contactIds: f.contactIds } });
  };

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock });
    acme = await seedOutreachContacts(ctx.services, 3, { at: clock.now() });
    other = await seedOutreachContacts(ctx.services, 2, { at: clock.now(), name: 'Other Buyers', phoneOffset: 100 });
    // Acme's first owner is cold (no written consent): a person may text them, the automation may not.
    // The second is cold and on the national DNC list: nobody may text them.
    await sql('delete from consent_events where contact_id = any($1::uuid[])', [acme.contactIds.slice(0, 2)]);
    await sql(`insert into suppressions (list, value, created_at) values ('national_dnc', $1, now())`, [acme.phones[1]]);
    await enrollAll(acme);
    await enrollAll(other);
  });
  afterAll(() => ctx.close());

  it("records a cold owner's text routed to the approval queue as `review`, and only real blocks as blocks", async () => {
    const report = await scheduleTouches(ctx.services, { locationId: acme.locationId });
    expect(report.outcomes).toMatchObject({ queued: 1, awaiting_approval: 1, blocked: 1 });

    const [cold] = await sql<{ status: string; error_code: string; decision: string; rules: string[] }>(
      'select t.status, t.error_code, d.decision, d.rules from touches t join compliance_decisions d on d.id = t.compliance_decision_id where t.contact_id = $1',
      [acme.contactIds[0]],
    );
    expect(cold).toMatchObject({ status: 'awaiting_approval', error_code: 'needs_manual_approval', decision: 'review' });
    expect(cold!.rules).toContain('CURB-COLD');
    const [listed] = await sql<{ status: string; decision: string; rules: string[] }>(
      'select t.status, d.decision, d.rules from touches t join compliance_decisions d on d.id = t.compliance_decision_id where t.contact_id = $1',
      [acme.contactIds[1]],
    );
    expect(listed).toMatchObject({ status: 'blocked', decision: 'block' });
    expect(listed!.rules).toContain('F2');

    // The dashboard's counts: the held text is "for approval", not a block, and its rules are not block rules.
    const summary = await getComplianceSummary(ctx.services, { locationId: acme.locationId, filter: { from: new Date(clock.now().getTime() - 3_600_000), to: new Date(clock.now().getTime() + 1) } });
    expect(summary.decisions).toEqual({ allow: 1, defer: 0, block: 1, review: 1 });
    // CURB-COLD is named once: by the listed owner's block, not by the held text.
    const ruleCount = (rule: string) => summary.topBlockRules.find((r) => r.rule === rule)?.count;
    expect([ruleCount('F2'), ruleCount('CURB-COLD')]).toEqual([1, 1]);
    clock.advance(1000);
    const rolling = await getRollingWindows(ctx.services, { locationId: acme.locationId });
    expect(rolling.windows.find((w) => w.window === '1h')?.blocked).toBe(1);
  });

  it("with locationId the dispatcher sends that location's touches only", async () => {
    await scheduleTouches(ctx.services, { locationId: other.locationId });
    const queued = async () => sql<{ location_id: string; n: number }>(`select location_id, count(*)::int as n from touches where status = 'queued' group by 1 order by 1`);
    expect((await queued()).map((r) => r.n).sort()).toEqual([1, 2]);
    const r = await dispatchTouches(ctx.services, channelsFor(ctx.services), { locationId: other.locationId });
    expect(r).toMatchObject({ claimed: 2, sent: 2 });
    expect(await queued()).toEqual([{ location_id: acme.locationId, n: 1 }]);
    const rest = await dispatchTouches(ctx.services, channelsFor(ctx.services), { locationId: acme.locationId });
    expect(rest).toMatchObject({ claimed: 1, sent: 1 });
    const sent = await sql<{ n: number }>(`select count(*)::int as n from touches where status = 'sent'`);
    expect(sent[0]!.n).toBe(3);
  });
});
