import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSteps, communications, contacts, touches } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import { seedAnalyticsDataset, SMS_COST, type AnalyticsDataset } from '../../../test/fixtures/analytics/dataset.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';

describe.each(databaseTargets())('A/B tests (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };
  let data: AnalyticsDataset;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    const tenant = await createTenant(ctx.services);
    auth = tenant.auth;
    data = await seedAnalyticsDataset(ctx.services, tenant.location.id);
  });
  afterAll(() => ctx.close());

  it('per-variant results on the fixed dataset: B leads on replies, too few leads for a winner', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/ab-tests', headers: auth, payload: { campaignId: data.campaigns.c1, step: 1 } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ variants: ['A', 'B'], metric: 'reply', status: 'running', name: 'Orange Tier A drip — step 1' });
    const r = (await ctx.app.inject({ method: 'GET', url: `/v1/sdr/ab-tests/${created.json().id}`, headers: auth })).json();
    const [a, b] = r.results;
    // A: c1 (replied, interested), c3 (silent). B: c2 (replied), c4 (replied and opted out).
    expect(a).toMatchObject({ variant: 'A', weight: 0.5, leads: 2, sent: 2, replied: 1, interested: 1, optedOut: 0, replyRate: 0.5, interestRate: 0.5, optOutRate: 0 });
    expect(b).toMatchObject({ variant: 'B', leads: 2, replied: 2, interested: 0, optedOut: 1, replyRate: 1, optOutRate: 0.5 });
    expect(a.costUsd).toBeCloseTo(2 * SMS_COST, 6);
    expect(a.costPerReply).toBeCloseTo(2 * SMS_COST, 6);
    // Fisher on [[2,0],[1,1]]: both possible tables have probability 1/2, so p = 1.
    expect(a.vsLeader).toMatchObject({ test: 'fisher_exact' });
    expect(a.vsLeader.pValue).toBeCloseTo(1, 6);
    expect(r).toMatchObject({ leader: 'B', suggestedWinner: null, significant: false });
    expect(r.reason).toContain('at least 20 leads');
    const promote = await ctx.app.inject({ method: 'POST', url: `/v1/sdr/ab-tests/${r.id}/promote`, headers: auth, payload: {} });
    expect(promote.statusCode).toBe(409);
  });

  it('a clear winner is suggested and promotion gives it 100 % of the step', async () => {
    // Campaign 2, step 1, variants X and Y: 40 leads each; X gets 16 replies, Y 4 (z-test, p ≈ 0.0016).
    const c2 = data.campaigns.c2;
    await ctx.services.db.update(campaignSteps).set({ variantWeights: { X: 1, Y: 1 } }).where(eq(campaignSteps.campaignId, c2));
    const base = new Date('2025-06-07T14:00:00Z');
    for (let i = 0; i < 80; i++) {
      const variant = i < 40 ? 'X' : 'Y';
      const replied = variant === 'X' ? i < 16 : i < 44;
      const contactId = newId();
      await ctx.services.db.insert(contacts).values({ id: contactId, locationId: data.locationId, ownerName: `AB ${i}` });
      await ctx.services.db.insert(touches).values({
        id: newId(), locationId: data.locationId, campaignId: c2, contactId, step: 1, channel: 'sms', idempotencyKey: `ab-${i}`, status: 'delivered',
        toAddress: 'x', variant, costUsd: String(SMS_COST), sentAt: base, createdAt: base, updatedAt: base,
      });
      if (replied) await ctx.services.db.insert(communications).values({ id: newId(), locationId: data.locationId, contactId, direction: 'inbound', channel: 'sms', intent: 'question', occurredAt: new Date(base.getTime() + 3_600_000) });
    }
    const created = (await ctx.app.inject({ method: 'POST', url: '/v1/sdr/ab-tests', headers: auth, payload: { campaignId: c2, step: 1, name: 'X vs Y' } })).json();
    const r = (await ctx.app.inject({ method: 'GET', url: `/v1/sdr/ab-tests/${created.id}`, headers: auth })).json();
    expect(r.results.map((v: { variant: string; leads: number; replied: number }) => [v.variant, v.leads, v.replied])).toEqual([['X', 40, 16], ['Y', 40, 4]]);
    // pooled p = 0.25, se = sqrt(0.25·0.75·(2/40)) = 0.096825, z = 0.3 / 0.096825 = 3.0984, p = 0.00195
    const y = r.results[1];
    expect(y.vsLeader.test).toBe('z_test');
    expect(y.vsLeader.z).toBeCloseTo(3.0984, 3);
    expect(y.vsLeader.pValue).toBeCloseTo(0.00195, 4);
    expect(r).toMatchObject({ leader: 'X', suggestedWinner: 'X', significant: true });
    const promoted = await ctx.app.inject({ method: 'POST', url: `/v1/sdr/ab-tests/${created.id}/promote`, headers: auth });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ status: 'promoted', winner: 'X' });
    const [step] = await ctx.services.db.select().from(campaignSteps).where(eq(campaignSteps.campaignId, c2));
    expect(step!.variantWeights).toEqual({ X: 100, Y: 0 });
    const list = (await ctx.app.inject({ method: 'GET', url: `/v1/sdr/ab-tests?campaign=${c2}`, headers: auth })).json();
    expect(list.data).toHaveLength(1);
  });

  it('errors: unknown campaign or step, one variant, another location', async () => {
    const noStep = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/ab-tests', headers: auth, payload: { campaignId: data.campaigns.c1, step: 9 } });
    expect(noStep.statusCode).toBe(404);
    const oneVariant = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/ab-tests', headers: auth, payload: { campaignId: data.campaigns.c1, step: 2 } });
    expect(oneVariant.statusCode).toBe(400);
    expect(oneVariant.json().error.message).toContain('variants');
    const other = await createTenant(ctx.services, 'Other');
    const cross = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/ab-tests', headers: other.auth, payload: { campaignId: data.campaigns.c1, step: 1 } });
    expect(cross.statusCode).toBe(404);
  });
});
