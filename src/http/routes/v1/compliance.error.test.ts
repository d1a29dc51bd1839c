import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { runCli } from '../../../../test/helpers/run-cli.js';

const MALFORMED: Array<{ body: unknown; field: string }> = [
  { body: { at: 'tomorrow', channel: 'sms', to: '+14075551234' }, field: 'at' },
  { body: { at: '2025-06-10T15:00:00Z', channel: 'fax', to: '+14075551234' }, field: 'channel' },
  { body: { at: '2025-06-10T15:00:00Z', channel: 'sms', to: '4075551234' }, field: 'to' },
  { body: { at: '2025-06-10T15:00:00Z', channel: 'sms', to: '+14075551234', contact: { consent: { kind: 'written', at: 'x' } } }, field: 'contact.consent.at' },
  { body: { at: '2025-06-10T15:00:00Z', channel: 'sms', to: '+14075551234', history: [{ at: '2025-06-10T14:00:00Z', channel: 'pigeon' }] }, field: 'history.0.channel' },
];

describe.each(['pglite'] as const)('compliance check — malformed situations (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ auth } = await createTenant(ctx.services));
  });
  afterAll(() => ctx.close());

  it.each(MALFORMED)('HTTP 400 and CLI exit 2 name $field', async ({ body, field }) => {
    const api = await ctx.app.inject({ method: 'POST', url: '/v1/compliance/check', headers: auth, payload: body as object });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.code).toBe('validation_failed');
    expect(api.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    const cli = await runCli(['--json', 'compliance', 'check'], {}, JSON.stringify(body));
    expect(cli.code).toBe(2);
    expect(JSON.parse(cli.stdout).error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
  }, 180_000);

  it('rejects a body that is not JSON, and needs an API key', async () => {
    const cli = await runCli(['--json', 'compliance', 'check'], {}, '{"at":');
    expect(cli.code).toBe(2);
    expect(JSON.parse(cli.stdout).error.code).toBe('validation_failed');
    const noKey = await ctx.app.inject({ method: 'POST', url: '/v1/compliance/check', payload: { at: '2025-06-10T15:00:00Z' } });
    expect(noKey.statusCode).toBe(401);
  }, 180_000);
});
