import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { createContactsBatch } from './create-contacts-batch.js';

describe.each(databaseTargets())('createContactsBatch (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    locationId = (await createTenant(ctx.services)).location.id;
  });
  afterAll(() => ctx.close());

  it('stores thousands of rows: bad rows reported, good rows kept, a shared value stays with its first owner', async () => {
    await createContactsBatch(ctx.services, { locationId, inputs: [{ ownerName: 'Earlier', email: 'earlier@example.com' }] });
    // Values repeat within the batch (near and far apart) and against an earlier batch.
    const inputs: unknown[] = Array.from({ length: 3200 }, (_, i) => ({ ownerName: `Owner ${i}`, phone: `+1407${String(3_000_000 + i)}`, email: `owner${i}@example.com` }));
    inputs[7] = { ownerName: 'Bad', phone: '12' };
    inputs[1500] = { ownerName: 'Unknown field', nickname: 'x' };
    inputs[2500] = { ownerName: 'Repeat of 10', phone: '(407) 300-0010' };
    inputs[2900] = { ownerName: 'Repeat of earlier', email: 'Earlier@Example.com' };
    inputs[20] = { ownerName: 'Repeat of 30', phone: '+14073000030' };
    const r = await createContactsBatch(ctx.services, { locationId, inputs });
    expect(r.created).toBe(3198);
    expect(r.errors.map((e) => [e.index, e.field])).toEqual([
      [7, 'phone'],
      [1500, '(row)'],
    ]);
    const owner = async (value: string) =>
      (await ctx.services.database.executeSql<{ contact_id: string }>('select contact_id from contact_points where location_id = $1 and value = $2', [locationId, value])).rows.map((p) => p.contact_id);
    expect(await owner('+14073000010')).toEqual([r.ids[10]]);
    expect(await owner('+14073000030')).toEqual([r.ids[20]]);
    expect(await owner('earlier@example.com')).not.toContain(r.ids[2900]);
    expect(await owner('+14073003199')).toEqual([r.ids[3199]]);
    const counts = await ctx.services.database.executeSql<{ contacts: number; points: number }>(
      'select (select count(*)::int from contacts where location_id = $1) as contacts, (select count(*)::int from contact_points where location_id = $1) as points',
      [locationId],
    );
    // 3,198 new contacts and the earlier one. Points: the earlier email, two for each of the 3,195 ordinary rows
    // less row 30's phone (row 20 had it first), and row 20's phone; the repeats of rows 10 and earlier add none.
    expect(counts.rows[0]).toEqual({ contacts: 3199, points: 1 + 2 * 3195 - 1 + 1 });
    expect(r.ids[2500]).not.toBeNull();
  });
});
