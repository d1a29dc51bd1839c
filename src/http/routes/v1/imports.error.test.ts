import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../../../../test/helpers/multipart.js';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import type { Queue } from '../../../jobs/queue.js';

describe.each(databaseTargets())('POST /v1/imports errors (%s)', (kind) => {
  let ctx: TestContext;
  const sent: unknown[] = [];
  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false' } });
    ctx.services.queue = { send: async (_d: unknown, p: unknown) => (sent.push(p), 'job'), stop: async () => {} } as unknown as Queue;
  });
  afterAll(async () => ctx.close());

  it.each([
    [[['preset', 'zillow']], 'preset'],
    [[['map', 'no-equals-sign']], 'map'],
    [[['map', 'Col=not_a_field']], 'map'],
    [[['map', '{bad json']], 'map'],
  ] as Array<[Array<[string, string]>, string]>)('names the bad field %j', async (fields, field) => {
    const { auth } = await createTenant(ctx.services, `E ${field} ${Math.random()}`);
    const { payload, headers } = multipartBody(fields, { name: 'a.csv', content: 'parcel_id\n1\n' });
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/imports', headers: { ...auth, ...headers }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe(field);
  });

  it('requires the file', async () => {
    const { auth } = await createTenant(ctx.services, 'No file');
    const { payload, headers } = multipartBody([['preset', 'generic']]);
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/imports', headers: { ...auth, ...headers }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('file');
    expect(sent).toEqual([]);
  });

  it('refuses a body that is not multipart', async () => {
    const { auth } = await createTenant(ctx.services, 'JSON');
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/imports', headers: auth, payload: { file: 'x' } });
    expect(res.statusCode).toBe(415);
  });
});
