import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { importLeads } from '../../../services/leads/import-leads.js';
import { queueImport } from '../../../services/leads/queue-import.js';

const messy = join(import.meta.dirname, '../../../../test/fixtures/imports/messy.csv');

describe.each(databaseTargets())('location isolation of properties and imports (%s)', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false' } });
  });
  afterAll(async () => ctx.close());

  it("never shows another location's properties or imports (404)", async () => {
    const a = await createTenant(ctx.services, 'A');
    const b = await createTenant(ctx.services, 'B');
    await importLeads(ctx.services, { locationId: a.location.id, input: messy });
    const queued = await queueImport(ctx.services, { locationId: a.location.id, fileName: 'x.csv', filePath: '/nonexistent', options: { preset: 'generic', mapping: {}, dryRun: false } });

    const listA = await ctx.app.inject({ method: 'GET', url: '/v1/properties', headers: a.auth });
    expect(listA.json().data).toHaveLength(7);
    const listB = await ctx.app.inject({ method: 'GET', url: '/v1/properties', headers: b.auth });
    expect(listB.json().data).toEqual([]);
    const one = listA.json().data[0].id;
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/properties/${one}`, headers: a.auth })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/properties/${one}`, headers: b.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/imports/${queued.id}`, headers: a.auth })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/imports/${queued.id}`, headers: b.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/properties' })).statusCode).toBe(401);
  });
});
