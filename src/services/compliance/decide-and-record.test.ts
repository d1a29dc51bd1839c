import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { recordCommunication } from '../communications/record-communication.js';
import { listConsent } from '../consent/list-consent.js';
import { recordConsent } from '../consent/record-consent.js';
import { createContact } from '../contacts/create-contact.js';
import { getContact } from '../contacts/get-contact.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import { importDncFile } from '../suppressions/import-dnc-file.js';
import { lookupSuppressions } from '../suppressions/lookup-suppressions.js';
import { buildSituation } from './build-situation.js';
import { decideAndRecord } from './decide-and-record.js';

// The pinned clock: 2025-06-10T15:00Z, a Tuesday, 11:00 in Orlando.
describe.each(databaseTargets())('decideAndRecord from stored state (%s)', (kind) => {
  let ctx: TestContext;
  let dir: string;
  let locationId: string;
  let auth: { authorization: string };

  const contact = async (phone: string, extra: Record<string, unknown> = {}) =>
    createContact(ctx.services, { locationId, input: { ownerName: `Owner ${phone}`, phone, mailingState: 'FL', ...extra } });
  const written = (contactId: string) =>
    recordConsent(ctx.services, { locationId, contactId, input: { kind: 'written', channel: 'sms', source: 'web_form', textShown: 'I agree to receive automated marketing texts from Acme Home Buyers at this number.', occurredAt: '2025-05-01T12:00:00Z' } });
  const importNational = (name: string, lines: string[], listDate: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return importDncFile(ctx.services, { list: 'national_dnc', path, listDate });
  };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ location: { id: locationId }, auth } = await createTenant(ctx.services));
    dir = mkdtempSync(join(tmpdir(), 'curb-decide-test-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('feeds the imported list date to F3: a 32-day-old scrub blocks, a fresh one allows', async () => {
    const c = await contact('4075550101');
    await written(c.id);
    const never = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms' });
    expect(never.decision.reasons.map((r) => r.code)).toContain('national_dnc_not_scrubbed');

    await importNational('old.txt', ['2145550000'], '2025-05-09'); // 32 days before the send
    const stale = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms' });
    expect(stale.decision.decision).toBe('block');
    expect(stale.decision.reasons.map((r) => `${r.rule}:${r.code}`)).toContain('F3:national_dnc_scrub_stale');

    await importNational('fresh.txt', ['2145550001'], '2025-06-09');
    const fresh = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms' });
    expect(fresh.decision).toMatchObject({ decision: 'allow', notBefore: null });
    const row = await ctx.services.database.executeSql<{ decision: string; inputs: { lastNationalDncScrubAt: string; consentKind: string } }>('select decision, inputs from compliance_decisions where id = $1', [fresh.decisionId]);
    expect(row.rows[0]).toMatchObject({ decision: 'allow', inputs: { lastNationalDncScrubAt: '2025-06-09T00:00:00.000Z', consentKind: 'written' } });
  });

  it('blocks a number on the national list and stores the decision with its rule ids and inputs', async () => {
    const c = await contact('4075550202');
    await importNational('listed.txt', ['4075550202'], '2025-06-09');
    const touchless = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms', initiation: 'manual', body: 'Hi, would you sell 12 Elm St?' });
    expect(touchless.decision.decision).toBe('block');
    const row = await ctx.services.database.executeSql<{ rules: string[]; decision: string; to_address: string; inputs: { lists: string[]; states: string[]; zones: string[]; historyCount: number } }>(
      'select rules, decision, to_address, inputs from compliance_decisions where id = $1',
      [touchless.decisionId],
    );
    expect(row.rows[0]!.rules).toContain('F2');
    expect(row.rows[0]).toMatchObject({ decision: 'block', to_address: '+14075550202', inputs: { lists: ['national_dnc'], states: ['FL'], zones: ['America/New_York', 'America/Chicago'], historyCount: 0 } });
    // Explained through the API, newest first for the contact.
    const list = await ctx.app.inject({ method: 'GET', url: `/v1/compliance/decisions?contact=${c.id}`, headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().data[0]).toMatchObject({ id: touchless.decisionId, decision: 'block', rules: expect.arrayContaining(['F2']) });
  });

  it('counts the last 48 h of messages to the contact toward the daily cap', async () => {
    const c = await contact('4075550303');
    await written(c.id);
    await recordCommunication(ctx.services, { locationId, contactId: c.id, direction: 'outbound', channel: 'sms', body: 'first', toAddress: '+14075550303', occurredAt: new Date('2025-06-10T13:00:00Z') });
    await recordCommunication(ctx.services, { locationId, contactId: c.id, direction: 'inbound', channel: 'sms', body: 'maybe', fromAddress: '+14075550303', occurredAt: new Date('2025-06-10T13:30:00Z') });
    const s = await buildSituation(ctx.services, { locationId, contactId: c.id, channel: 'sms' });
    expect(s.history).toHaveLength(2);
    const d = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms' });
    expect(d.decision).toMatchObject({ decision: 'defer', reasons: [expect.objectContaining({ code: 'daily_cap_reached' })] });
  });

  it('opt-out then START: revocation and opt_in events, the number re-subscribed, but no written consent', async () => {
    const c = await contact('4075550404', { email: 'owner404@example.com' });
    await written(c.id);
    await optOutContact(ctx.services, { locationId, contactId: c.id, source: 'sms_reply', channel: 'sms', evidence: 'STOP' });
    const blocked = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms', initiation: 'manual' });
    expect(blocked.decision.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['F8', 'F4']));

    const start = await recordConsent(ctx.services, { locationId, contactId: c.id, input: { kind: 'opt_in', channel: 'sms', source: 'sms_keyword', textShown: 'START', address: '+14075550404' } });
    expect(start.evidence).toMatchObject({ carrierResubscribe: true, writtenConsent: false });
    const events = await listConsent(ctx.services, { locationId, contactId: c.id });
    expect(events.map((e) => e.kind)).toEqual(['opt_in', 'revocation', 'written']);
    expect((await getContact(ctx.services, { locationId, contactId: c.id })).optOut).toBe(false);
    const lists = await lookupSuppressions(ctx.services, { locationId, values: ['+14075550404', 'owner404@example.com'] });
    expect(lists.has('+14075550404')).toBe(false);
    expect(lists.get('owner404@example.com')).toEqual(['internal_dnc']); // only that number was re-subscribed

    // The written consent was revoked and START is not written consent: automated marketing stays blocked.
    const automated = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms' });
    expect(automated.decision.decision).toBe('block');
    expect(automated.decision.reasons.map((r) => r.code)).toContain('no_written_consent');
    expect(automated.decision.reasons.map((r) => r.rule)).not.toContain('F8');
    const manual = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms', initiation: 'manual' });
    expect(manual.decision.decision).toBe('allow');
  });

  it('isolates locations: another location’s internal DNC does not block here, nor are its decisions visible', async () => {
    const other = await createTenant(ctx.services, 'Other Buyer');
    const add = await ctx.app.inject({ method: 'POST', url: '/v1/suppressions', headers: other.auth, payload: { value: '(407) 555-0505', reason: 'asked by phone' } });
    expect(add.statusCode).toBe(201);
    const c = await contact('4075550505');
    const here = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms', initiation: 'manual' });
    expect(here.decision.decision).toBe('allow');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/suppressions?value=4075550505', headers: auth })).json().data).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/suppressions?value=4075550505', headers: other.auth })).json().data).toHaveLength(1);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/suppressions/${add.json().id}`, headers: auth })).statusCode).toBe(404);

    expect((await ctx.app.inject({ method: 'GET', url: `/v1/compliance/decisions/${here.decisionId}`, headers: other.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/compliance/decisions?contact=${c.id}`, headers: other.auth })).statusCode).toBe(404);
    const otherList = await ctx.app.inject({ method: 'GET', url: '/v1/compliance/decisions', headers: other.auth });
    expect(otherList.json().data).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/compliance/decisions/${here.decisionId}`, headers: auth })).json().id).toBe(here.decisionId);

    // Its own internal entry blocks, and removing it (internal entries only) lifts the block.
    const mine = await ctx.app.inject({ method: 'POST', url: '/v1/suppressions', headers: auth, payload: { value: '+14075550505' } });
    const blocked = await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms', initiation: 'manual' });
    expect(blocked.decision.reasons.map((r) => r.code)).toContain('internal_dnc');
    expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/suppressions/${mine.json().id}`, headers: auth })).statusCode).toBe(200);
    const national = await ctx.services.database.executeSql<{ id: number }>("select id from suppressions where list = 'national_dnc' limit 1", []);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/suppressions/${national.rows[0]!.id}`, headers: auth })).statusCode).toBe(404);
  });

  it('pages decisions newest first with a cursor, and explains one through the API by its touch-less id', async () => {
    const c = await contact('4075550606');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      (ctx.services.clock as unknown as { advance(ms: number): void }).advance(60_000);
      ids.push((await decideAndRecord(ctx.services, { locationId, contactId: c.id, channel: 'sms', initiation: 'manual' })).decisionId);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; json(): { data: Array<{ id: string }>; nextCursor: string | null } } = await ctx.app.inject({ method: 'GET', url: `/v1/compliance/decisions?contact=${c.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: auth });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data.map((d: { id: string }) => d.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/compliance/decisions?cursor=nope', headers: auth })).statusCode).toBe(400);
  });

  it('records consent through the API and names a bad field', async () => {
    const c = await contact('4075550707');
    const ok = await ctx.app.inject({ method: 'POST', url: `/v1/contacts/${c.id}/consent`, headers: auth, payload: { kind: 'express', source: 'call', ip: '203.0.113.9' } });
    expect(ok.statusCode).toBe(201);
    const bad = await ctx.app.inject({ method: 'POST', url: `/v1/contacts/${c.id}/consent`, headers: auth, payload: { kind: 'written', source: 'web_form' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('textShown');
    const future = await ctx.app.inject({ method: 'POST', url: `/v1/contacts/${c.id}/consent`, headers: auth, payload: { kind: 'express', source: 'call', occurredAt: '2030-01-01T00:00:00Z' } });
    expect(future.json().error.details.issues[0].path).toBe('occurredAt');
    const list = await ctx.app.inject({ method: 'GET', url: `/v1/contacts/${c.id}/consent`, headers: auth });
    expect(list.json().data.map((e: { kind: string }) => e.kind)).toEqual(['express']);
    const other = await createTenant(ctx.services, 'Third Buyer');
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/contacts/${c.id}/consent`, headers: other.auth })).statusCode).toBe(404);
  });
});
