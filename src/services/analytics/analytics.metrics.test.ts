/**
 * Metric tests: every figure below is computed by hand from the table in test/fixtures/analytics/dataset.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { RANGE, seedAnalyticsDataset, SMS_COST, type AnalyticsDataset } from '../../../test/fixtures/analytics/dataset.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { getRollingWindows } from './get-rolling-windows.js';

describe.each(databaseTargets())('analytics metrics on the fixed dataset (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };
  let data: AnalyticsDataset;
  const get = async (url: string) => {
    const res = await ctx.app.inject({ method: 'GET', url, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const range = `from=${RANGE.from}&to=${RANGE.to}`;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    const tenant = await createTenant(ctx.services);
    auth = tenant.auth;
    data = await seedAnalyticsDataset(ctx.services, tenant.location.id);
    // Another location's data must never leak into these numbers.
    const other = await createTenant(ctx.services, 'Other Co');
    await seedAnalyticsDataset(ctx.services, other.location.id);
  });
  afterAll(() => ctx.close());

  it('overview: KPIs, funnel, time to response, completion and cost', async () => {
    const o = await get(`/v1/analytics/overview?${range}`);
    expect(o).toMatchObject({
      messagesSent: 8,
      repliesReceived: 5,
      interestedReplies: 2,
      responseRate: 0.625,
      interestRate: 0.4,
      conversionRate: 0.2,
      leadResponseRate: 0.8,
      funnel: { contacted: 5, responded: 4, interested: 2, deals: 1 },
      optOuts: 1,
      optOutRate: 0.2,
      timeToResponseHours: { average: 8.25, median: 4 },
      campaignCompletion: { started: 6, completed: 3, rate: 0.5 },
      dealsClosed: 1,
      profitUsd: 12000,
    });
    expect(o.costUsd).toBeCloseTo(6 * SMS_COST + 0.1 + 0.002, 6);
    expect(o.costPerContactedLead).toBeCloseTo((6 * SMS_COST + 0.102) / 5, 5);
    expect(o.range).toEqual({ from: '2025-06-01T00:00:00.000Z', to: '2025-06-11T00:00:00.000Z' });
  });

  it('filters change the numbers: campaign, market, tier, variant, template, channel', async () => {
    const byCampaign = await get(`/v1/analytics/overview?${range}&campaign=${data.campaigns.c1}`);
    expect(byCampaign).toMatchObject({ messagesSent: 7, repliesReceived: 4, funnel: { contacted: 4, responded: 3, interested: 1, deals: 1 }, optOuts: 1 });
    expect(byCampaign.costUsd).toBeCloseTo(5 * SMS_COST, 6);
    const seminole = await get(`/v1/analytics/overview?${range}&market=seminole`);
    expect(seminole).toMatchObject({ messagesSent: 1, funnel: { contacted: 1, responded: 1, interested: 1, deals: 0 } });
    const tierA = await get(`/v1/analytics/overview?${range}&tier=A`);
    expect(tierA).toMatchObject({ messagesSent: 4, repliesReceived: 4, funnel: { contacted: 3, responded: 3, interested: 2, deals: 1 } });
    const variantA = await get(`/v1/analytics/overview?${range}&variant=A`);
    expect(variantA).toMatchObject({ messagesSent: 2, repliesReceived: 2, funnel: { contacted: 2, responded: 1, interested: 1, deals: 1 } });
    const template = await get(`/v1/analytics/overview?${range}&template=email_followup`);
    expect(template).toMatchObject({ messagesSent: 2, funnel: { contacted: 2, responded: 1, interested: 1 } });
    const june2 = await get(`/v1/analytics/overview?from=2025-06-02&to=2025-06-02`);
    // c3 and c4 first touched on June 2: c4 replied (1 h), c3 did not.
    expect(june2).toMatchObject({ messagesSent: 2, funnel: { contacted: 2, responded: 1, interested: 0, deals: 0 }, timeToResponseHours: { average: 1, median: 1 } });
  });

  it('channel comparison and touch-level (step) metrics', async () => {
    const ch = await get(`/v1/analytics/breakdown?${range}&by=channel`);
    const sms = ch.rows.find((r: { key: string }) => r.key === 'sms');
    const email = ch.rows.find((r: { key: string }) => r.key === 'email');
    expect(sms).toMatchObject({ sent: 6, contacted: 5, responded: 4, interested: 2, optedOut: 1, touchReplies: 4, responseRate: 0.8 });
    expect(sms.costUsd).toBeCloseTo(6 * SMS_COST, 6);
    expect(email).toMatchObject({ sent: 2, contacted: 2, responded: 1, interested: 1, optedOut: 0, touchReplies: 1, costUsd: 0 });
    // c1's deal (06-09) follows both its first text (06-01) and its email (06-03): a deal in each channel's cohort.
    expect([sms.deals, sms.conversionRate, email.deals, email.conversionRate]).toEqual([1, 0.2, 1, 0.5]);
    const steps = await get(`/v1/analytics/breakdown?${range}&by=step&campaign=${data.campaigns.c1}`);
    expect(steps.rows.map((r: { key: string; label: string; sent: number; touchReplies: number }) => [r.key, r.label, r.sent, r.touchReplies])).toEqual([
      ['1', '1. SMS_1', 4, 3],
      ['2', '2. EMAIL_1', 2, 1],
      ['3', '3. SMS_2', 1, 0],
    ]);
    // Grouped per lead: c1 had steps 1 and 2 before its deal; c3's step 3 has none.
    expect(steps.rows.map((r: { deals: number; conversionRate: number }) => [r.deals, r.conversionRate])).toEqual([
      [1, 0.25],
      [1, 0.5],
      [0, 0],
    ]);
    const campaigns = await get(`/v1/analytics/breakdown?${range}&by=campaign`);
    expect(campaigns.rows.map((r: { label: string; contacted: number }) => [r.label, r.contacted])).toEqual([
      ['Orange Tier A drip', 4],
      ['Seminole probate', 1],
    ]);
    const tiers = await get(`/v1/analytics/breakdown?${range}&by=tier`);
    expect(Object.fromEntries(tiers.rows.map((r: { key: string; contacted: number }) => [r.key, r.contacted]))).toEqual({ A: 3, B: 2 });
    const markets = await get(`/v1/analytics/breakdown?${range}&by=market`);
    expect(Object.fromEntries(markets.rows.map((r: { key: string; sent: number }) => [r.key, r.sent]))).toEqual({ orange: 7, seminole: 1 });
  });

  it('daily time series in the location time zone', async () => {
    const ts = await get(`/v1/analytics/timeseries?${range}`);
    const byDay = Object.fromEntries(ts.points.map((p: { day: string; sent: number; replies: number }) => [p.day, [p.sent, p.replies]]));
    // New York time: every 14:00 UTC send is 10:00 local; replies likewise stay on their UTC day.
    expect(byDay).toEqual({ '2025-06-01': [2, 1], '2025-06-02': [2, 2], '2025-06-03': [1, 1], '2025-06-04': [1, 0], '2025-06-05': [1, 1], '2025-06-06': [1, 0] });
  });

  it('objections: logged with rebuttal and outcome, and labelled on messages', async () => {
    const o = await get(`/v1/analytics/objections?${range}`);
    expect(o.total).toBe(2);
    expect(o.types).toEqual([
      { type: 'not_interested', count: 1, share: 0.5, outcomes: { unknown: 1 }, rebuttals: [] },
      { type: 'timing', count: 1, share: 0.5, outcomes: { nurture: 1 }, rebuttals: [{ rebuttal: 'timing_soft', count: 1 }] },
    ]);
    const sdr = await get(`/v1/sdr/stats/objections?days=30`);
    expect(sdr.total).toBe(2);
  });

  it('rolling 1 h / 24 h / 7 d windows', async () => {
    const r = await getRollingWindows({ ...ctx.services, clock: fixedClock('2025-06-05T20:30:00Z') }, { locationId: data.locationId });
    const w = Object.fromEntries(r.windows.map((x) => [x.window, x]));
    expect(w['1h']).toMatchObject({ sent: 0, replies: 1, interested: 1, handoffs: 1 });
    expect(w['24h']).toMatchObject({ sent: 1, replies: 1, interested: 1 });
    expect(w['7d']).toMatchObject({ sent: 7, replies: 6, interested: 3, optOuts: 1, handoffs: 2, blocked: 1 });
  });

  it('ROI, objections, sequences and the rolling windows take the same filters', async () => {
    // ROI under variant A: the costs of c1's and c3's first texts, the two leads they contacted, c1's deal.
    const roiA = await get(`/v1/analytics/roi?${range}&variant=A`);
    expect(roiA).toMatchObject({ contacted: 2, deals: 1, profitUsd: 12000 });
    expect(roiA.costUsd).toBeCloseTo(2 * SMS_COST, 6);
    const roiEmail = await get(`/v1/analytics/roi?${range}&channel=email`);
    expect(roiEmail).toMatchObject({ contacted: 2, costUsd: 0, deals: 1 });
    const roiNone = await get(`/v1/analytics/roi?${range}&template=no_such_template`);
    expect(roiNone).toMatchObject({ contacted: 0, costUsd: 0, deals: 0, profitUsd: 0 });

    // Objections: c2's (timing, logged) and c4's (labelled) both follow their variant-B texts of campaign 1.
    expect((await get(`/v1/analytics/objections?${range}&variant=B`)).total).toBe(2);
    expect((await get(`/v1/analytics/objections?${range}&variant=A`)).total).toBe(0);
    expect((await get(`/v1/analytics/objections?${range}&channel=email`)).total).toBe(0);
    expect((await get(`/v1/analytics/objections?${range}&campaign=${data.campaigns.c1}`)).total).toBe(2);
    expect((await get(`/v1/analytics/objections?${range}&campaign=${data.campaigns.c2}`)).total).toBe(0);
    expect((await get(`/v1/sdr/stats/objections?days=30&variant=A`)).total).toBe(0);

    // Enrollments follow the lead filters and the touches their leads were sent.
    const seq = async (q: string) =>
      Object.fromEntries((await get(`/v1/analytics/sequences?${range}&${q}`)).sequences.map((x: { name: string; enrolled: number; completed: number; handedOff: number }) => [x.name, [x.enrolled, x.completed, x.handedOff]]));
    expect(await seq('tier=A')).toEqual({ 'Orange Tier A drip': [2, 1, 1], 'Seminole probate': [1, 1, 1] });
    expect(await seq('tier=C')).toEqual({ 'Orange Tier A drip': [0, 0, 0], 'Seminole probate': [0, 0, 0] });
    expect(await seq('variant=A')).toEqual({ 'Orange Tier A drip': [2, 2, 1], 'Seminole probate': [0, 0, 0] });
    expect((await get(`/v1/analytics/overview?${range}&variant=A`)).campaignCompletion).toEqual({ started: 2, completed: 2, rate: 1 });

    // Rolling week ending 06-05 20:30 (05-29 20:30 .. 06-05 20:30).
    const week = async (filter: Parameters<typeof getRollingWindows>[1]['filter']) =>
      (await getRollingWindows({ ...ctx.services, clock: fixedClock('2025-06-05T20:30:00Z') }, { locationId: data.locationId, ...(filter ? { filter } : {}) })).windows.find((x) => x.window === '7d');
    // Campaign 2: c5's text; replies of c5 and c7 (texted by it on 05-20); c5's handoff; c4's opt-out and c8's block are not its.
    expect(await week({ campaign: data.campaigns.c2 })).toMatchObject({ sent: 1, replies: 2, interested: 2, optOuts: 0, handoffs: 1, blocked: 0 });
    // Tier A: c1, c2, c5 (and c7's reply); c4 (tier B) opted out, c8 (tier C) was blocked.
    expect(await week({ tier: 'A' })).toMatchObject({ sent: 4, replies: 5, optOuts: 0, handoffs: 2, blocked: 0 });
    expect(await week({ market: 'orange', channel: 'sms' })).toMatchObject({ sent: 4, replies: 4, optOuts: 1, handoffs: 1, blocked: 1 });
    const rollingRoute = await get(`/v1/analytics/rolling?tier=A`);
    expect(rollingRoute.windows.map((x: { window: string }) => x.window)).toEqual(['1h', '24h', '7d']);

    // Endpoints without lead or touch filters say so instead of ignoring them.
    const compliance = await ctx.app.inject({ method: 'GET', url: `/v1/analytics/compliance?${range}&campaign=${data.campaigns.c1}`, headers: auth });
    expect(compliance.statusCode).toBe(400);
    expect(compliance.body).toContain('campaign');
    const pipeline = await ctx.app.inject({ method: 'GET', url: '/v1/analytics/pipeline?variant=A', headers: auth });
    expect(pipeline.statusCode).toBe(400);
    expect(pipeline.body).toContain('variant');
  });

  it('per-sequence stats and /v1/sdr/stats', async () => {
    const s = await get(`/v1/analytics/sequences?${range}`);
    const c1 = s.sequences.find((x: { name: string }) => x.name === 'Orange Tier A drip');
    expect(c1).toMatchObject({ enrolled: 4, completed: 2, optedOut: 1, handedOff: 1, completionRate: 0.5, sent: 7, contacted: 4, responded: 3, interested: 1 });
    // c1's deal (06-09) came after its first touch of the campaign: one deal of four leads contacted, as the overview counts it.
    expect(c1).toMatchObject({ deals: 1, conversionRate: 0.25 });
    expect(s.sequences.find((x: { name: string }) => x.name !== 'Orange Tier A drip')).toMatchObject({ deals: 0, conversionRate: 0 });
    const sdr = await get('/v1/sdr/stats?days=30');
    expect(sdr.windows.map((w: { window: string }) => w.window)).toEqual(['1h', '24h', '7d']);
    // The clock is 2025-06-10 15:00: the last 30 days hold every in-range touch and c7's (05-20).
    expect(sdr.summary.funnel).toEqual({ contacted: 6, responded: 5, interested: 3, deals: 1 });
  });

  it('pipeline by status with tier and market filters', async () => {
    const p = await get('/v1/analytics/pipeline');
    const s = Object.fromEntries(p.statuses.map((x: { status: string; count: number }) => [x.status, x.count]));
    expect(p.total).toBe(8);
    expect(s).toMatchObject({ new: 1, contacted: 2, replied: 0, interested: 1, negotiating: 1, deal_closed: 1, cold: 1, opt_out: 1 });
    const tierA = await get('/v1/analytics/pipeline?tier=A');
    expect(tierA.total).toBe(4);
    const seminole = await get('/v1/analytics/pipeline?market=seminole');
    expect(seminole.total).toBe(3);
  });

  it('compliance summary', async () => {
    const c = await get(`/v1/analytics/compliance?${range}`);
    expect(c.decisions).toEqual({ allow: 9, defer: 1, block: 1, review: 0 });
    expect(c.topBlockRules).toEqual([{ rule: 'F3.national_dnc', count: 1 }]);
    expect(c.lists).toEqual([{ list: 'national_dnc', state: '', listDate: '2025-05-20', entries: 1200, ageDays: 21 }]);
    expect(c.optOuts).toMatchObject({ total: 1, inRange: 1 });
    expect(c.optOuts.recent.map((o: { name: string }) => o.name)).toEqual(['Dan Dietz']);
    expect((await get('/v1/analytics/compliance?from=2025-06-04&to=2025-06-04')).optOuts.recent).toEqual([]);
    // The decision log takes the same range, a page at a time: June 4 holds c3's email and c8's block.
    const first = await get('/v1/compliance/decisions?from=2025-06-04&to=2025-06-04&limit=1');
    expect(first.data.map((d: { decision: string }) => d.decision)).toEqual(['block']);
    const second = await get(`/v1/compliance/decisions?from=2025-06-04&to=2025-06-04&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.data.map((d: { decision: string; channel: string }) => [d.decision, d.channel])).toEqual([['allow', 'email']]);
    expect(second.nextCursor).toBeNull();
    expect((await get(`/v1/compliance/decisions?${range}&limit=200`)).data).toHaveLength(11);
  });

  it('validates the range and the dimension', async () => {
    const bad = await ctx.app.inject({ method: 'GET', url: '/v1/analytics/overview?from=2025-06-10&to=2025-06-01', headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('from');
    const dim = await ctx.app.inject({ method: 'GET', url: '/v1/analytics/breakdown?by=planet', headers: auth });
    expect(dim.statusCode).toBe(400);
    const anon = await ctx.app.inject({ method: 'GET', url: '/v1/analytics/overview' });
    expect(anon.statusCode).toBe(401);
  });
});
