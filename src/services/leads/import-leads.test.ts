import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { MESSY_REPORT } from '../../../test/fixtures/imports/messy-report.js';
import { importLeads, type ImportProgress } from './import-leads.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/imports');
const messy = join(fixtures, 'messy.csv');


async function counts(ctx: TestContext, locationId: string) {
  const q = async (table: string) =>
    (await ctx.services.database.executeSql<{ n: number }>(`select count(*)::int as n from ${table} where location_id = $1`, [locationId])).rows[0]!.n;
  const links = (
    await ctx.services.database.executeSql<{ n: number }>('select count(*)::int as n from property_contacts pc join properties p on p.id = pc.property_id where p.location_id = $1', [locationId])
  ).rows[0]!.n;
  return { properties: await q('properties'), contacts: await q('contacts'), points: await q('contact_points'), statuses: await q('lead_statuses'), links };
}

describe.each(databaseTargets())('importLeads (%s)', (kind) => {
  let ctx: TestContext;
  /** Imports the messy fixture two rows a batch and crashes once two batches are committed (rows up to 7). */
  const crashAfterTwoBatches = async (locationId: string): Promise<void> => {
    let batches = 0;
    await expect(
      importLeads(ctx.services, {
        locationId,
        input: messy,
        batchSize: 2,
        onProgress: () => {
          if (++batches === 2) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
  };
  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false' } });
  });
  afterAll(async () => ctx.close());

  it('imports the messy fixture with the exact report, and a re-import changes nothing', async () => {
    const { location } = await createTenant(ctx.services);
    const first = await importLeads(ctx.services, { locationId: location.id, input: messy });
    expect(first.ok && first.value.report).toEqual(MESSY_REPORT);
    const before = await counts(ctx, location.id);
    expect(before).toMatchObject({ properties: 7 });
    // Owners: José (phone + email), Liam (two points), Zoë (phone), SMITH (mailing-less, no points → none),
    // ROE JOHN EST (phone), ROE "JACK" (no mailing, no points → none), Ana Ruiz (phone + email).
    expect(before.contacts).toBe(5);
    expect(before.statuses).toBe(5);
    const stamps = await ctx.services.database.executeSql('select id, updated_at from properties order by id', []);

    const again = await importLeads(ctx.services, { locationId: location.id, input: messy });
    expect(again.ok && again.value.report).toEqual({ ...MESSY_REPORT, imported: 0, updated: 0 });
    expect(await counts(ctx, location.id)).toEqual(before);
    expect((await ctx.services.database.executeSql('select id, updated_at from properties order by id', [])).rows).toEqual(stamps.rows);
  });

  it('scores and tiers each property and keeps the contributions', async () => {
    const { location } = await createTenant(ctx.services, 'Scores');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    const rows = await ctx.services.database.executeSql<{ parcel_id: string; score: number; tier: string; score_contributions: Array<{ signal: string }>; market_id: string | null }>(
      "select parcel_id, score, tier, score_contributions, market_id from properties where location_id = $1 and parcel_id = '292218000000001'",
      [location.id],
    );
    const jose = rows.rows[0]!;
    expect(jose.score).toBeGreaterThan(0);
    expect(jose.tier).toMatch(/^(A|B\+|B|C|D)$/);
    expect(jose.score_contributions.map((c) => c.signal)).toEqual(expect.arrayContaining(['tax_delinquent_1y', 'out_of_state']));
    // Orlando is one of Orange County's cities.
    expect(jose.market_id).not.toBeNull();
  });

  it('resumes an interrupted import without duplicates and ends with the same report', async () => {
    const { location } = await createTenant(ctx.services, 'Resume');
    await crashAfterTwoBatches(location.id);
    const [row] = (await ctx.services.database.executeSql<{ status: string; rows_read: number }>('select status, rows_read from imports where location_id = $1', [location.id])).rows;
    // Batches of two emitted rows: [1, 2] and [3, 7] were committed before the crash.
    expect(row).toEqual({ status: 'interrupted', rows_read: 7 });
    expect((await counts(ctx, location.id)).properties).toBe(4);

    const resumed = await importLeads(ctx.services, { locationId: location.id, input: messy, batchSize: 2 });
    expect(resumed.ok && resumed.value).toMatchObject({ resumedAfterRow: 7, report: MESSY_REPORT });
    expect((await counts(ctx, location.id)).properties).toBe(7);
    const all = (await ctx.services.database.executeSql<{ status: string; rows_read: number }>('select status, rows_read from imports where location_id = $1', [location.id])).rows;
    expect(all).toEqual([{ status: 'done', rows_read: 11 }]);
  });

  it('does not resume an interrupted import with other options: the whole file is read again', async () => {
    const { location } = await createTenant(ctx.services, 'Changed options');
    await crashAfterTwoBatches(location.id);
    const rerun = await importLeads(ctx.services, { locationId: location.id, input: messy, batchSize: 2, mapping: { email: 'ignore' } });
    expect(rerun.ok && rerun.value.resumedAfterRow).toBe(0);
    const rows = (await ctx.services.database.executeSql<{ status: string; rows_read: number }>('select status, rows_read from imports where location_id = $1 order by status', [location.id])).rows;
    expect(rows).toEqual([{ status: 'done', rows_read: 11 }, { status: 'interrupted', rows_read: 7 }]);
    // The same options as the interrupted run still resume it.
    const same = await importLeads(ctx.services, { locationId: location.id, input: messy, batchSize: 2 });
    expect(same.ok && same.value.resumedAfterRow).toBe(7);
  });

  it('reports bytes of the file read with each committed batch, for the progress bar', async () => {
    const { location } = await createTenant(ctx.services, 'Progress');
    const seen: ImportProgress[] = [];
    const r = await importLeads(ctx.services, { locationId: location.id, input: messy, batchSize: 3, onProgress: (p) => void seen.push(p) });
    expect(r.ok).toBe(true);
    const size = statSync(messy).size;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.bytesTotal === size && p.bytesRead! > 0 && p.bytesRead! <= size)).toBe(true);
    expect(seen.map((p) => p.bytesRead!)).toEqual([...seen.map((p) => p.bytesRead!)].sort((a, b) => a - b));
    expect(seen.at(-1)!.bytesRead).toBe(size);
  });

  it('stops at an abort signal and keeps the committed batches', async () => {
    const { location } = await createTenant(ctx.services, 'Abort');
    const abort = new AbortController();
    await expect(
      importLeads(ctx.services, { locationId: location.id, input: messy, batchSize: 3, signal: abort.signal, onProgress: () => abort.abort(new Error('stop')) }),
    ).rejects.toThrow('stop');
    expect((await counts(ctx, location.id)).properties).toBe(3);
    const resumed = await importLeads(ctx.services, { locationId: location.id, input: messy, batchSize: 3 });
    expect(resumed.ok && resumed.value.report).toEqual(MESSY_REPORT);
  });

  it('keeps one contact for an owner first met without a mailing address, whatever the batch boundaries', async () => {
    // Row 1 has no mailing address (no owner key) and a phone; row 2 the phone and the address; row 3 the address alone.
    const csv = [
      'parcel_id,owner_name,situs_address,situs_zip,mailing_address,mailing_city,mailing_state,mailing_zip,phone',
      '11-11-11-0000-00-001,JANE OWNER,1 EXAMPLE AVE,32801,,,,,(407) 555-0131',
      '11-11-11-0000-00-002,JANE OWNER,2 EXAMPLE AVE,32801,9 MAIL RD,ORLANDO,FL,32803,(407) 555-0131',
      '11-11-11-0000-00-003,JANE OWNER,3 EXAMPLE AVE,32801,9 MAIL RD,ORLANDO,FL,32803,',
      '',
    ].join('\n');
    for (const batchSize of [1, 500]) {
      const { location } = await createTenant(ctx.services, `Keyless owner ${batchSize}`);
      const r = await importLeads(ctx.services, { locationId: location.id, input: Readable.from([csv]), batchSize });
      expect(r.ok && r.value.report.imported).toBe(3);
      expect(await counts(ctx, location.id), `batch size ${batchSize}`).toMatchObject({ properties: 3, contacts: 1, links: 3 });
    }
  });

  it('makes one contact of one owner named in a PropStream and a BatchLeads file', async () => {
    const { location } = await createTenant(ctx.services, 'Owners');
    const a = await importLeads(ctx.services, { locationId: location.id, input: join(fixtures, 'owner-propstream.csv'), preset: 'propstream' });
    const b = await importLeads(ctx.services, { locationId: location.id, input: join(fixtures, 'owner-batchleads.csv'), preset: 'batchleads' });
    expect(a.ok && a.value.report.imported).toBe(1);
    expect(b.ok && b.value.report.imported).toBe(1);
    const c = await counts(ctx, location.id);
    expect(c).toMatchObject({ properties: 2, contacts: 1, points: 3, links: 2, statuses: 1 });
    const points = await ctx.services.database.executeSql<{ kind: string; value: string; source: string }>(
      'select kind, value, source from contact_points where location_id = $1 order by value',
      [location.id],
    );
    expect(points.rows).toEqual([
      { kind: 'phone', value: '+13215550102', source: 'batchleads' },
      { kind: 'phone', value: '+14075550101', source: 'propstream' },
      { kind: 'email', value: 'jane.doe@example.com', source: 'batchleads' },
    ]);
  });

  const importCsv = async (locationId: string, lines: string[], batchSize?: number) => {
    const r = await importLeads(ctx.services, { locationId, input: Readable.from([`${lines.join('\n')}\n`]), ...(batchSize ? { batchSize } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.report;
  };
  const propertiesOf = async (locationId: string) =>
    (
      await ctx.services.database.executeSql<{ id: string; parcel_id: string | null; situs_key: string | null; owner_name: string | null; estimated_value: string | null }>(
        'select id, parcel_id, situs_key, owner_name, estimated_value::text from properties where location_id = $1 order by parcel_id nulls last, owner_name',
        [locationId],
      )
    ).rows;

  it('skips rows without a parcel id whose situs names no street, instead of collecting them into one property', async () => {
    const { location } = await createTenant(ctx.services, 'No street');
    const report = await importCsv(location.id, [
      'parcel_id,owner_name,situs_address,situs_zip,phone',
      ',JANE DOE,***,32801,(407) 555-0161',
      ',JOHN ROE,...,32801,(407) 555-0162',
      ',ANA RUIZ,#4,32801,(407) 555-0163',
      ',LIAM ADAMS,N/A,32801,(407) 555-0164',
      '12-3,ZOE SMITH,1 Main St,32801,(407) 555-0165',
    ]);
    expect(report).toEqual({
      imported: 1,
      updated: 0,
      skipped: [
        { row: 1, reason: 'no parcel id, and the situs address "***" names no street' },
        { row: 2, reason: 'no parcel id, and the situs address "..." names no street' },
        { row: 3, reason: 'no parcel id, and the situs address "#4" names no street' },
        { row: 4, reason: 'no parcel id or situs address' },
      ],
      warnings: [],
    });
    expect(await propertiesOf(location.id)).toEqual([expect.objectContaining({ parcel_id: '123', owner_name: 'ZOE SMITH' })]);
    expect(await counts(ctx, location.id)).toMatchObject({ properties: 1, contacts: 1, points: 1 });
  });

  it('stores the line type a phone column is named after (Cell, Landline), unless its type column says otherwise', async () => {
    const { location } = await createTenant(ctx.services, 'Line types');
    await importCsv(location.id, [
      'parcel_id,owner_name,situs_address,situs_zip,Cell Phone,Landline,Mobile 2,Phone 2 Type,Home Phone',
      '12-3,JANE DOE,1 Main St,32801,(407) 555-0171,(407) 555-0172,(407) 555-0173,Landline,(407) 555-0174',
    ]);
    const points = await ctx.services.database.executeSql<{ value: string; line_type: string }>('select value, line_type from contact_points where location_id = $1 order by value', [location.id]);
    expect(points.rows).toEqual([
      { value: '+14075550171', line_type: 'mobile' },
      { value: '+14075550172', line_type: 'landline' },
      { value: '+14075550173', line_type: 'landline' },
      { value: '+14075550174', line_type: 'landline' },
    ]);
    const contact = await ctx.services.database.executeSql<{ phone: string; line_type: string }>('select phone, line_type from contacts where location_id = $1', [location.id]);
    expect(contact.rows).toEqual([{ phone: '+14075550171', line_type: 'mobile' }]);
  });

  it('matches a row without a parcel id to the stored property with a parcel id at its situs, and updates it', async () => {
    const { location } = await createTenant(ctx.services, 'Situs of a parcel');
    await importCsv(location.id, ['parcel_id,owner_name,situs_address,situs_city,situs_zip,estimated_value', '29-22-18-0000-00-009,JANE DOE,1207 Example Ave,Orlando,32808,200000']);
    const [stored] = await propertiesOf(location.id);
    const report = await importCsv(location.id, ['owner_name,situs_address,situs_zip,estimated_value,phone', 'JANE DOE,1207 EXAMPLE AVENUE,32808-1234,250000,(407) 555-0181']);
    expect(report).toMatchObject({ imported: 0, updated: 1 });
    expect(await propertiesOf(location.id)).toEqual([{ id: stored!.id, parcel_id: '292218000000009', situs_key: '1207 EXAMPLE AVE|32808', owner_name: 'JANE DOE', estimated_value: '250000.00' }]);
    const links = await ctx.services.database.executeSql<{ property_id: string }>('select property_id from property_contacts pc join contacts c on c.id = pc.contact_id where c.location_id = $1', [location.id]);
    expect(links.rows).toEqual([{ property_id: stored!.id }]);
    // Again: nothing changes.
    expect(await importCsv(location.id, ['owner_name,situs_address,situs_zip,estimated_value,phone', 'JANE DOE,1207 EXAMPLE AVENUE,32808-1234,250000,(407) 555-0181'])).toMatchObject({ imported: 0, updated: 0 });
  });

  it('makes one property of a parcel and its situs without one in either order, whatever the batch boundaries', async () => {
    const withParcel = '29-22-18-0000-00-010,JANE DOE,9 Lake Dr,32771,42 Sample Ln,43004,,(407) 555-0191';
    const without = ',JANE DOE,9 Lake Drive,32771,42 Sample Ln,43004,310000,(407) 555-0192';
    for (const [name, rows] of [
      ['parcel first', [withParcel, without]],
      ['situs first', [without, withParcel]],
    ] as const) {
      for (const batchSize of [1, 500]) {
        const { location } = await createTenant(ctx.services, `One property ${name} ${batchSize}`);
        const report = await importCsv(location.id, ['parcel_id,owner_name,situs_address,situs_zip,mailing_address,mailing_zip,estimated_value,phone', ...rows], batchSize);
        expect(report.imported, `${name}, batch ${batchSize}`).toBe(1);
        expect(await propertiesOf(location.id), `${name}, batch ${batchSize}`).toEqual([expect.objectContaining({ parcel_id: '292218000000010', situs_key: '9 LAKE DR|32771', estimated_value: '310000.00' })]);
        expect(await counts(ctx, location.id), `${name}, batch ${batchSize}`).toMatchObject({ properties: 1, contacts: 1, points: 2, links: 1 });
      }
    }
  });

  it('gives a stored parcel-less property one parcel id: another parcel at that street line is a property of its own', async () => {
    const { location } = await createTenant(ctx.services, 'Two parcels');
    await importCsv(location.id, ['owner_name,situs_address,situs_zip', 'JANE DOE,5 Elm Ct,32720']);
    // Two parcels at the same street line in one batch: the first takes the stored property, the second is new.
    const report = await importCsv(location.id, ['parcel_id,owner_name,situs_address,situs_zip', '1-1,JANE DOE,5 Elm Ct,32720', '1-2,JOHN ROE,5 Elm Ct,32720']);
    expect(report).toMatchObject({ imported: 1, updated: 1 });
    expect((await propertiesOf(location.id)).map((p) => [p.parcel_id, p.owner_name])).toEqual([
      ['11', 'JANE DOE'],
      ['12', 'JOHN ROE'],
    ]);
    // A row without a parcel id cannot tell which of the two it is: it is a parcel-less property of its own.
    expect(await importCsv(location.id, ['owner_name,situs_address,situs_zip', 'ANA RUIZ,5 Elm Ct,32720'])).toMatchObject({ imported: 1, updated: 0 });
    expect((await propertiesOf(location.id)).map((p) => [p.parcel_id, p.owner_name])).toEqual([
      ['11', 'JANE DOE'],
      ['12', 'JOHN ROE'],
      [null, 'ANA RUIZ'],
    ]);
    // Once there is a parcel-less property at that street line, rows without a parcel id find it first.
    expect(await importCsv(location.id, ['owner_name,situs_address,situs_zip,estimated_value', 'ANA RUIZ,5 Elm Ct,32720,99000'])).toMatchObject({ imported: 0, updated: 1 });
  });

  it('dry run counts without storing anything', async () => {
    const { location } = await createTenant(ctx.services, 'Dry');
    const r = await importLeads(ctx.services, { locationId: location.id, input: messy, dryRun: true });
    expect(r.ok && r.value.report).toEqual(MESSY_REPORT);
    expect(await counts(ctx, location.id)).toEqual({ properties: 0, contacts: 0, points: 0, statuses: 0, links: 0 });
  });

  it('rejects an unknown market naming the field', async () => {
    const { location } = await createTenant(ctx.services, 'Market');
    const r = await importLeads(ctx.services, { locationId: location.id, input: messy, market: 'atlantis' });
    expect(r).toMatchObject({ ok: false, error: { code: 'market_unknown', details: { field: 'market' } } });
  });
});
