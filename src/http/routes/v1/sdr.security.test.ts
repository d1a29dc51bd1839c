import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { createContact } from '../../../services/contacts/create-contact.js';

describe.each(databaseTargets())('/v1/sdr: API key and location scope (%s)', (kind) => {
  let ctx: TestContext;
  let mine: { authorization: string };
  let theirContact: string;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ auth: mine } = await createTenant(ctx.services, 'Mine'));
    const other = await createTenant(ctx.services, 'Theirs');
    theirContact = (await createContact(ctx.services, { locationId: other.location.id, input: { ownerName: 'Other Owner', phone: '4075550111' } })).id;
  });
  afterAll(async () => ctx.close());

  it('every /v1/sdr route needs an API key', async () => {
    for (const [method, url] of [['POST', '/v1/sdr/prospects/source'], ['POST', '/v1/sdr/prospects/enroll'], ['GET', `/v1/sdr/prospects/${theirContact}`], ['POST', '/v1/sdr/sequences/process-batch'], ['GET', `/v1/sdr/sequences/${theirContact}`], ['DELETE', `/v1/sdr/sequences/${theirContact}`]] as const) {
      const r = await ctx.app.inject({ method, url, payload: {} });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("another location's contact is not found, and cannot be enrolled", async () => {
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/sdr/prospects/${theirContact}`, headers: mine })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/sdr/sequences/${theirContact}`, headers: mine })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/sdr/sequences/${theirContact}`, headers: mine })).statusCode).toBe(404);
    const r = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/prospects/enroll', headers: mine, payload: { contactIds: [theirContact] } });
    expect(r.json()).toMatchObject({ enrolled: 0, skipped: [{ contactId: theirContact, reason: 'not_found' }] });
    expect(await ctx.services.database.executeSql('select id from prospects').then((x) => x.rows)).toHaveLength(0);
  });
});
