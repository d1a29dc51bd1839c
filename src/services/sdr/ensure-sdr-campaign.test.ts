import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { sdrConfigOf } from '../outreach/load-sdr-config.js';
import { getCampaign } from '../campaigns/manage-campaign.js';
import { ensureSdrCampaign, sdrCampaignInput } from './ensure-sdr-campaign.js';

describe('sdrCampaignInput: config/sdr.yaml sequences as campaign steps', () => {
  it('turns day offsets into step delays and the NURTURE_PAUSE gap into nurtureAfterMinutes', async () => {
    const sdr = await sdrConfigOf({ config: { configDir: 'config' } } as never);
    const input = sdrCampaignInput(sdr, 'default');
    expect(input).toMatchObject({ type: 'sdr', active: true, scheduleConfig: { sdrSequence: 'default', nurtureAfterMinutes: 5 * 1440 } });
    expect(input.steps).toEqual([
      { name: 'SMS_1', channel: 'sms', delayMinutes: 0 },
      { name: 'EMAIL_1', channel: 'email', delayMinutes: 1440 },
      { name: 'SMS_2', channel: 'sms', delayMinutes: 2 * 1440 },
      { name: 'VOICEMAIL_1', channel: 'voicemail', delayMinutes: 2 * 1440 },
      { name: 'EMAIL_2', channel: 'email', delayMinutes: 3 * 1440 },
      { name: 'SMS_3', channel: 'sms', delayMinutes: 4 * 1440 },
      { name: 'VOICEMAIL_2', channel: 'voicemail', delayMinutes: 4 * 1440 },
    ]);
    expect(sdrCampaignInput(sdr, 'email_first').steps!.map((s) => s.name)).toEqual(['EMAIL_1', 'EMAIL_2', 'SMS_1']);
    expect(() => sdrCampaignInput(sdr, 'nope')).toThrow(/sequenceVariant: no sequence "nope"/);
  });
});

describe.each(databaseTargets())('ensureSdrCampaign (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ location: { id: locationId } } = await createTenant(ctx.services));
  });
  afterAll(async () => ctx.close());

  it('creates one active campaign per location and variant, even when asked concurrently', async () => {
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => ensureSdrCampaign(ctx.services, { locationId })));
    expect(new Set([a!.campaignId, b!.campaignId, c!.campaignId]).size).toBe(1);
    expect([a, b, c].filter((x) => x!.created)).toHaveLength(1);
    const campaign = await getCampaign(ctx.services, { locationId, campaignId: a!.campaignId });
    expect(campaign).toMatchObject({ type: 'sdr', status: 'active', scheduleConfig: { sdrSequence: 'default', nurtureAfterMinutes: 7200 } });
    expect(campaign.steps.map((s) => s.name)).toEqual(['SMS_1', 'EMAIL_1', 'SMS_2', 'VOICEMAIL_1', 'EMAIL_2', 'SMS_3', 'VOICEMAIL_2']);
    const other = await ensureSdrCampaign(ctx.services, { locationId, variant: 'email_first' });
    expect(other.campaignId).not.toBe(a!.campaignId);
    expect(await ensureSdrCampaign(ctx.services, { locationId })).toEqual({ campaignId: a!.campaignId, variant: 'default', created: false });
  });

  it('a completed SDR campaign is replaced by a new one', async () => {
    const first = await ensureSdrCampaign(ctx.services, { locationId });
    await ctx.services.database.executeSql(`update campaigns set status = 'completed' where id = $1`, [first.campaignId]);
    const next = await ensureSdrCampaign(ctx.services, { locationId });
    expect(next.created).toBe(true);
    expect(next.campaignId).not.toBe(first.campaignId);
  });
});
