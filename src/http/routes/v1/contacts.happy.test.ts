import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';

describe.each(databaseTargets())('contacts routes — happy paths (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ auth } = await createTenant(ctx.services));
  });
  afterAll(() => ctx.close());

  it('creates a contact with an E.164 phone, a lowercase email and status new', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: 'José Núñez', phone: '(407) 555-0123', email: 'Jose@Example.COM', tags: ['probate'] } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ ownerName: 'José Núñez', phone: '+14075550123', email: 'jose@example.com', leadStatus: 'new', optOut: false, tags: ['probate'] });
    const got = await ctx.app.inject({ method: 'GET', url: `/v1/contacts/${body.id}`, headers: auth });
    expect(got.statusCode).toBe(200);
    expect(got.json().id).toBe(body.id);
  });

  it('lists with filters and walks every page with the cursor exactly once', async () => {
    for (let i = 0; i < 7; i++) {
      (ctx.services.clock as unknown as { advance(ms: number): void }).advance(1000);
      await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: `Owner ${i}`, source: 'propstream', phone: `407555${String(1000 + i)}` } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/contacts?source=propstream&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await ctx.app.inject({ method: 'GET', url, headers: auth });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { data: Array<{ id: string; source: string }>; nextCursor: string | null };
      expect(page.data.every((c) => c.source === 'propstream')).toBe(true);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const byName = await ctx.app.inject({ method: 'GET', url: '/v1/contacts?q=Owner%203', headers: auth });
    expect(byName.json().data.map((c: { ownerName: string }) => c.ownerName)).toEqual(['Owner 3']);
    const byPhone = await ctx.app.inject({ method: 'GET', url: '/v1/contacts?phone=407-555-1004', headers: auth });
    expect(byPhone.json().data).toHaveLength(1);
  });

  it('updates a contact and adds the new number to its points', async () => {
    const created = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { firstName: 'Ann', lastName: 'Lee' } })).json();
    expect(created.ownerName).toBe('Ann Lee');
    const res = await ctx.app.inject({ method: 'PATCH', url: `/v1/contacts/${created.id}`, headers: auth, payload: { phone: '+1 321 555 0199', mailingState: 'ga' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '+13215550199', mailingState: 'GA' });
  });

  it('opts a contact out: flag, internal DNC, revocation record, lead status, enrollments stopped', async () => {
    const c = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: 'Stop Me', phone: '4075550777', email: 'stop@example.com' } })).json();
    const res = await ctx.app.inject({ method: 'POST', url: `/v1/contacts/${c.id}/opt-out`, headers: auth, payload: { source: 'api', note: 'asked by phone' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ optOut: true, leadStatus: 'opt_out' });
    const supp = await ctx.services.database.executeSql<{ value: string; list: string }>("select list, value from suppressions where list = 'internal_dnc' order by value", []);
    expect(supp.rows.map((r) => r.value)).toEqual(expect.arrayContaining(['+14075550777', 'stop@example.com']));
    const consent = await ctx.services.database.executeSql<{ kind: string; evidence: { textEnc?: string } }>('select kind, evidence from consent_events where contact_id = $1', [c.id]);
    expect(consent.rows[0]?.kind).toBe('revocation');
    expect(JSON.stringify(consent.rows[0]?.evidence)).not.toContain('asked by phone');
    // Idempotent: a second opt-out keeps the first time.
    const again = await ctx.app.inject({ method: 'POST', url: `/v1/contacts/${c.id}/opt-out`, headers: auth });
    expect(again.json().optedOutAt).toBe(res.json().optedOutAt);
  });

  it('creates a batch, reporting bad rows by index and field and keeping the good ones', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/contacts/batch',
      headers: auth,
      payload: { contacts: [{ ownerName: 'Good One', phone: '4075550301' }, { ownerName: 'Bad Phone', phone: '12' }, { email: 'nope' }, { ownerName: 'Good Two', email: 'Two@Example.com' }] },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.created).toBe(2);
    expect(body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([[1, 'phone'], [2, 'email']]);
    expect(body.ids[1]).toBeNull();
    const two = await ctx.app.inject({ method: 'GET', url: `/v1/contacts/${body.ids[3]}`, headers: auth });
    expect(two.json()).toMatchObject({ ownerName: 'Good Two', email: 'two@example.com', leadStatus: 'new' });
  });

  it('leaves a number or address another contact has with that contact, in the same batch or an earlier one', async () => {
    const first = await ctx.app.inject({ method: 'POST', url: '/v1/contacts/batch', headers: auth, payload: { contacts: [{ ownerName: 'First Owner', phone: '4075550401', email: 'shared@example.com' }] } });
    expect(first.json().created).toBe(1);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/contacts/batch',
      headers: auth,
      payload: { contacts: [{ ownerName: 'Second', phone: '(407) 555-0401' }, { ownerName: 'Third', phone: '4075550402', email: 'third@example.com' }, { ownerName: 'Fourth', phone: '407.555.0402', email: 'Shared@Example.com' }] },
    });
    expect(res.json()).toMatchObject({ created: 3, errors: [] });
    const ids = [first.json().ids[0], ...res.json().ids];
    const points = await ctx.services.database.executeSql<{ contact_id: string; value: string }>(
      "select contact_id, value from contact_points where value in ('+14075550401', '+14075550402', 'shared@example.com', 'third@example.com') order by value",
      [],
    );
    expect(points.rows.map((p) => [p.value, ids.indexOf(p.contact_id)])).toEqual([
      ['+14075550401', 0],
      ['+14075550402', 2],
      ['shared@example.com', 0],
      ['third@example.com', 2],
    ]);
  });

  it('gets and sets the lead status', async () => {
    const c = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: 'Hot Lead' } })).json();
    const set = await ctx.app.inject({ method: 'PUT', url: `/v1/contacts/${c.id}/lead-status`, headers: auth, payload: { status: 'interested', assignedTo: 'maria' } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ status: 'interested', assignedTo: 'maria' });
    const get = await ctx.app.inject({ method: 'GET', url: `/v1/contacts/${c.id}/lead-status`, headers: auth });
    expect(get.json().status).toBe('interested');
  });
});
