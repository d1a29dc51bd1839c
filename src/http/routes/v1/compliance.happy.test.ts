import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Situation } from '../../../domain/compliance/situation.js';
import { runCli } from '../../../../test/helpers/run-cli.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';

const SCRUB = '2025-06-01T00:00:00Z';
const SITUATIONS: Situation[] = [
  // allowed: written consent, fresh scrub, inside every window
  { at: '2025-06-10T15:00:00Z', channel: 'sms', to: '+14075551234', contact: { consent: { kind: 'written', at: '2025-01-01T00:00:00Z' } }, account: { lastNationalDncScrubAt: SCRUB } },
  // deferred: 06:30 in Orlando
  { at: '2025-06-10T10:30:00Z', channel: 'sms', to: '+14075551234', contact: { consent: { kind: 'written', at: '2025-01-01T00:00:00Z' } }, account: { lastNationalDncScrubAt: SCRUB } },
  // blocked: national DNC, no exemption
  { at: '2025-06-10T15:00:00Z', channel: 'sms', initiation: 'manual', to: '+12145551234', contact: { lists: ['national_dnc'] }, account: { lastNationalDncScrubAt: SCRUB } },
  // blocked: opted out
  { at: '2025-06-10T15:00:00Z', channel: 'voice', initiation: 'manual', to: '+13055550000', contact: { optedOutAt: '2025-06-01T00:00:00Z' }, account: { lastNationalDncScrubAt: SCRUB } },
  // email without a postal address
  { at: '2025-06-10T15:00:00Z', channel: 'email', to: 'owner@example.com', hasUnsubscribeLink: true },
  // the Panhandle split zone with a cap already used
  { at: '2025-06-10T13:30:00Z', channel: 'sms', initiation: 'manual', to: '+18505550100', history: [{ at: '2025-06-10T01:00:00Z', channel: 'sms' }], account: { lastNationalDncScrubAt: SCRUB } },
];

describe.each(['pglite'] as const)('compliance check — CLI and API agree (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ auth } = await createTenant(ctx.services));
  });
  afterAll(() => ctx.close());

  it('gives identical decisions from `curb --json compliance check` and POST /v1/compliance/check', async () => {
    const decisions = new Set<string>();
    for (const s of SITUATIONS) {
      const api = await ctx.app.inject({ method: 'POST', url: '/v1/compliance/check', headers: auth, payload: s });
      expect(api.statusCode).toBe(200);
      const cli = await runCli(['--json', 'compliance', 'check'], {}, JSON.stringify(s));
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toEqual(api.json());
      decisions.add(api.json().decision);
    }
    expect([...decisions].sort()).toEqual(['allow', 'block', 'defer']);
  }, 180_000);

  it('--batch answers one line per situation, in order, with bad lines as their own error lines (exit 2)', async () => {
    const lines = [JSON.stringify(SITUATIONS[0]), '{not json', '', JSON.stringify({ ...SITUATIONS[1], channel: 'fax' }), JSON.stringify(SITUATIONS[2])];
    const cli = await runCli(['compliance', 'check', '--batch'], {}, `${lines.join('\n')}\n`);
    expect(cli.code).toBe(2);
    const out = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    const api0 = (await ctx.app.inject({ method: 'POST', url: '/v1/compliance/check', headers: auth, payload: SITUATIONS[0] })).json();
    const api2 = (await ctx.app.inject({ method: 'POST', url: '/v1/compliance/check', headers: auth, payload: SITUATIONS[2] })).json();
    expect(out[0]).toEqual(api0);
    expect(out[1].error.details.line).toBe(2);
    expect(out[2].error.details).toMatchObject({ line: 4, issues: [{ path: 'channel' }] });
    expect(out[3]).toEqual(api2);
  }, 180_000);

  it('a good batch exits 0; optout reads a reply', async () => {
    const ok = await runCli(['compliance', 'check', '--batch'], {}, `${JSON.stringify(SITUATIONS[0])}\n${JSON.stringify(SITUATIONS[4])}\n`);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(2);
    const stop = await runCli(['--json', 'compliance', 'optout', 'Stop texting me please'], {}, '');
    expect(JSON.parse(stop.stdout)).toMatchObject({ optOut: true, help: false, optIn: false, matched: expect.any(String) });
    const start = await runCli(['--json', 'compliance', 'optout', 'START'], {}, '');
    expect(JSON.parse(start.stdout)).toMatchObject({ optOut: false, optIn: true, matched: 'start' });
    const weekend = await runCli(['--json', 'compliance', 'optout', 'the weekend works'], {}, '');
    expect(JSON.parse(weekend.stdout)).toMatchObject({ optOut: false, help: false, optIn: false });
  }, 180_000);
});
