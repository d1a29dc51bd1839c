import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOutreachContacts } from '../../../../test/helpers/outreach-fixtures.js';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { fixedClock } from '../../../lib/clock.js';
import { createApiKey } from '../../../services/auth/create-api-key.js';

// Tuesday 2025-06-10 11:00 in Orlando: inside every window.
const NOW = '2025-06-10T15:00:00.000Z';

describe.each(databaseTargets())('/v1/sdr prospects and sequences (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };
  let ids: string[];
  let locationId: string;
  const clock = fixedClock(NOW);
  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => ctx.app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock });
    const f = await seedOutreachContacts(ctx.services, 6, { at: new Date(NOW) });
    ({ locationId, contactIds: ids } = f);
    auth = { authorization: `Bearer ${(await createApiKey(ctx.services, { locationId, name: 'test' })).key}` };
    // Scored leads: two A, one B+, the rest C; the second A owner opted out.
    await sql(
      `update properties p set tier = t.tier, score = t.score from (select * from unnest($1::text[], $2::text[], $3::real[]) as x(parcel, tier, score)) t where p.parcel_id = t.parcel and p.location_id = $4`,
      [['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6'], ['A', 'A', 'B+', 'C', 'C', 'C'], [91, 88, 75, 40, 35, 30], locationId],
    );
    await sql('update contacts set opt_out = true where id = $1', [ids[1]]);
  });
  afterAll(async () => ctx.close());

  it('POST prospects/source takes Curb leads by tier (no GoHighLevel configured) and enrols them', async () => {
    const r = await call('POST', '/v1/sdr/prospects/source', { sources: ['leads'], tiers: ['A', 'B+'], maxPerSource: 10 });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ status: 'completed', enrolled: 2, alreadyEnrolled: 0, sequenceVariant: 'default' });
    expect(body.sources).toEqual([{ source: 'leads', found: 2, contactIds: [ids[0], ids[2]] }]);
    expect(await sql<{ source: string }>('select source from prospects order by created_at')).toEqual([{ source: 'leads' }, { source: 'leads' }]);
    // Again: those are prospects already; nothing new to take.
    expect((await call('POST', '/v1/sdr/prospects/source', { sources: ['leads'], tiers: ['A', 'B+'] })).json()).toMatchObject({ enrolled: 0, sources: [{ found: 0 }] });
  });

  it('POST prospects/source with GoHighLevel sources and no GoHighLevel says so per source', async () => {
    const r = await call('POST', '/v1/sdr/prospects/source', { sources: ['ghl_pipeline', 'stale_lead'] });
    expect(r.statusCode).toBe(200);
    expect(r.json().sources).toEqual([
      expect.objectContaining({ source: 'ghl_pipeline', found: 0, error: expect.objectContaining({ code: 'config_missing' }) }),
      expect.objectContaining({ source: 'stale_lead', found: 0, error: expect.objectContaining({ code: 'config_missing' }) }),
    ]);
  });

  it('POST prospects/enroll enrols by id into a sequence variant, idempotently', async () => {
    const r = await call('POST', '/v1/sdr/prospects/enroll', { contactIds: [ids[3], ids[1]], sequenceVariant: 'email_first' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ sequenceVariant: 'email_first', enrolled: 1, skipped: [{ contactId: ids[1], reason: 'opted_out' }] });
    expect((await call('POST', '/v1/sdr/prospects/enroll', { contactIds: [ids[3]], sequenceVariant: 'email_first' })).json()).toMatchObject({ enrolled: 0, alreadyEnrolled: 1 });
    expect((await call('POST', '/v1/sdr/prospects/enroll', { contactIds: [ids[3]], sequenceVariant: 'no_such' })).statusCode).toBe(400);
  });

  it('POST sequences/process-batch schedules and sends what is due, and answers the counts', async () => {
    const r = await call('POST', '/v1/sdr/sequences/process-batch', { batchSize: 50 });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.scheduled.claimed).toBe(3);
    expect(body.scheduled.outcomes.queued).toBe(3);
    expect(body.dispatched.sent).toBe(3);
    // Nothing more is due today.
    expect((await call('POST', '/v1/sdr/sequences/process-batch', {})).json()).toMatchObject({ scheduled: { claimed: 0 }, dispatched: { sent: 0 } });
  });

  it('GET prospects/{id} and sequences/{id} show the profile and the sequence with its touches', async () => {
    const p = await call('GET', `/v1/sdr/prospects/${ids[0]}`);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ contact: { id: ids[0] }, prospect: { source: 'leads' }, qualification: null, sequences: [{ currentStep: 'SMS_1', status: 'active', sequenceVariant: 'default', touchesSent: 1 }] });
    const s = await call('GET', `/v1/sdr/sequences/${ids[3]}`);
    expect(s.json().sequences).toEqual([expect.objectContaining({ currentStep: 'EMAIL_1', sequenceVariant: 'email_first', touches: [expect.objectContaining({ stepName: 'EMAIL_1', channel: 'email', status: 'sent', provider: 'sandbox' })] })]);
    // A contact that is not a prospect still answers, with nulls.
    expect((await call('GET', `/v1/sdr/prospects/${ids[5]}`)).json()).toMatchObject({ prospect: null, sequences: [] });
  });

  it('DELETE sequences/{id} disenrols: the enrollment ends, nothing more is scheduled', async () => {
    const r = await call('DELETE', `/v1/sdr/sequences/${ids[0]}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ contactId: ids[0], enrollmentsStopped: 1, touchesCancelled: 0 });
    expect((await call('GET', `/v1/sdr/sequences/${ids[0]}`)).json().sequences[0]).toMatchObject({ status: 'cancelled', nextTouchAt: null });
    expect((await call('DELETE', `/v1/sdr/sequences/${ids[0]}`)).json()).toMatchObject({ enrollmentsStopped: 0 });
  });
});
