import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { importLeads } from '../../../services/leads/import-leads.js';

const fixtures = join(import.meta.dirname, '../../../../test/fixtures/imports');

describe.each(databaseTargets())('GET /v1/properties, /v1/properties/{id}, /v1/markets (%s)', (kind) => {
  let ctx: TestContext;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false' } });
    const t = await createTenant(ctx.services);
    auth = t.auth;
    await importLeads(ctx.services, { locationId: t.location.id, input: join(fixtures, 'messy.csv') });
    await importLeads(ctx.services, { locationId: t.location.id, input: join(fixtures, 'owner-propstream.csv'), preset: 'propstream' });
    await importLeads(ctx.services, { locationId: t.location.id, input: join(fixtures, 'owner-batchleads.csv'), preset: 'batchleads' });
  });
  afterAll(async () => ctx.close());

  it('filters by tier, market, minimum score, signal and source, and explains every score', async () => {
    const all = (await ctx.app.inject({ method: 'GET', url: '/v1/properties?limit=200', headers: auth })).json().data as Array<{ tier: string; score: number; market: string | null; contributions: Array<{ signal: string; points: number }>; source: string }>;
    expect(all).toHaveLength(9);
    for (const p of all) expect(p.contributions.reduce((s, c) => s + c.points, 0)).toBeCloseTo(p.score, 5);
    const tiers = new Set(all.map((p) => p.tier));
    for (const tier of tiers) {
      const res = await ctx.app.inject({ method: 'GET', url: `/v1/properties?tier=${encodeURIComponent(tier)}`, headers: auth });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.map((p: { tier: string }) => p.tier)).toEqual(all.filter((p) => p.tier === tier).map((p) => p.tier));
    }
    const orange = (await ctx.app.inject({ method: 'GET', url: '/v1/properties?market=orange', headers: auth })).json().data;
    expect(orange.length).toBe(all.filter((p) => p.market === 'orange-fl').length);
    expect(orange.length).toBeGreaterThan(0);
    const min = (await ctx.app.inject({ method: 'GET', url: '/v1/properties?minScore=10', headers: auth })).json().data;
    expect(min.every((p: { score: number }) => p.score >= 10)).toBe(true);
    const taxed = (await ctx.app.inject({ method: 'GET', url: '/v1/properties?signal=tax_delinquent_1y', headers: auth })).json().data;
    expect(taxed.length).toBe(all.filter((p) => p.contributions.some((c) => c.signal === 'tax_delinquent_1y')).length);
    const ps = (await ctx.app.inject({ method: 'GET', url: '/v1/properties?source=propstream', headers: auth })).json().data;
    expect(ps.every((p: { source: string }) => p.source === 'propstream')).toBe(true);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/properties?tier=Z', headers: auth })).statusCode).toBe(400);
    // `tier=B+` unencoded arrives as "B ": the error says how to write it.
    const plus = await ctx.app.inject({ method: 'GET', url: '/v1/properties?tier=B+', headers: auth });
    expect(plus.statusCode).toBe(400);
    expect(plus.body).toContain('B%2B');
    // An unknown market is named, not an empty list.
    const nowhere = await ctx.app.inject({ method: 'GET', url: '/v1/properties?market=nowhere', headers: auth });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.message).toContain('nowhere');
    expect(nowhere.json().error.message).toContain('orange-fl');
  });

  it('pages with a cursor', async () => {
    const first = (await ctx.app.inject({ method: 'GET', url: '/v1/properties?limit=4', headers: auth })).json();
    const second = (await ctx.app.inject({ method: 'GET', url: `/v1/properties?limit=4&cursor=${first.nextCursor}`, headers: auth })).json();
    const third = (await ctx.app.inject({ method: 'GET', url: `/v1/properties?limit=4&cursor=${second.nextCursor}`, headers: auth })).json();
    const ids = [...first.data, ...second.data, ...third.data].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(9);
    expect(third.nextCursor).toBeNull();
  });

  it('shows a property with its owner contact and points', async () => {
    const list = (await ctx.app.inject({ method: 'GET', url: '/v1/properties?source=batchleads', headers: auth })).json().data;
    const res = await ctx.app.inject({ method: 'GET', url: `/v1/properties/${list[0].id}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.contacts).toHaveLength(1);
    expect(body.contacts[0]).toMatchObject({ role: 'owner', leadStatus: 'new' });
    expect(body.contacts[0].points.map((p: { value: string }) => p.value).sort()).toEqual(['+13215550102', '+14075550101', 'jane.doe@example.com']);
    // A contact without a lead-status row is `new` here too, as in the contacts API.
    await ctx.services.database.executeSql('delete from lead_statuses where contact_id = $1', [body.contacts[0].id]);
    const again = (await ctx.app.inject({ method: 'GET', url: `/v1/properties/${list[0].id}`, headers: auth })).json();
    expect(again.contacts[0]).toMatchObject({ leadStatus: 'new' });
  });

  it('lists the markets of the registry', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/markets', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((m: { key: string }) => m.key)).toEqual(['lake-fl', 'orange-fl', 'osceola-fl', 'seminole-fl', 'volusia-fl']);
  });
});
