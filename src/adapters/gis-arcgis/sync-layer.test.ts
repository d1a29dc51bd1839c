import { describe, expect, it } from 'vitest';
import { createFakeArcgisClient } from './fake.js';
import { rewriteWhereWithoutAngleBrackets } from './rewrite-where.js';
import { syncLayer } from './sync-layer.js';
import { mapParcel } from './map-parcel.js';

const info = { name: 'Parcels', type: 'Feature Layer', objectIdField: 'OBJECTID', maxRecordCount: 1000, supportsPagination: true, fields: [] };
const orangeMap = {
  parcel_id: 'PARCEL', owner_name_1: 'NAME1', owner_name_2: 'NAME2', mail_line_1: 'ADD1', mail_line_2: 'ADD2', mail_city: 'CITY', mail_state: 'STATE',
  mail_zip: 'ZIP', situs_line_1: 'SITUS', situs_city: 'SITUS_CITY', situs_zip: 'SITUS_ZIP', just_value: 'TOTAL_MKT', land_value: 'LAND_MKT',
  building_value: 'BLDG_MKT', use_code: 'DOR_CODE', sale_date: 'SALE_DATE', sale_price: 'SALE_PRICE',
};

describe('syncLayer', () => {
  it('maps records into canonical parcels and reports a row without parcel id as a value', async () => {
    const client = createFakeArcgisClient({
      layers: {
        'http://x/layer/4': {
          info,
          records: [
            { OBJECTID: 1, PARCEL: '35-20-27-6645-00-550', NAME1: 'DOE JANE', NAME2: null, ADD1: 'PO BOX 12', ADD2: ' ', CITY: 'TAMPA', STATE: 'FL', ZIP: '33601',
              SITUS: '1207  EXAMPLE AVE', SITUS_CITY: 'ORLANDO', SITUS_ZIP: '32808', TOTAL_MKT: 287450, LAND_MKT: '60,000', BLDG_MKT: 227450, DOR_CODE: '0100',
              SALE_DATE: '2010-06-23T00:00:00.000Z', SALE_PRICE: 150000 },
            { OBJECTID: 2, PARCEL: null, NAME1: 'ROE JOHN' },
          ],
        },
      },
    });
    const out = [];
    for await (const r of syncLayer({ client, layerUrl: 'http://x/layer/4', fieldMap: orangeMap })) out.push(r);
    expect(out[0]).toEqual({
      ok: true,
      value: {
        parcelId: '352027664500550', parcelIdDisplay: '35-20-27-6645-00-550', owners: ['DOE JANE'],
        situs: { line1: '1207 EXAMPLE AVE', city: 'ORLANDO', zip: '32808' },
        mailing: { line1: 'PO BOX 12', city: 'TAMPA', state: 'FL', zip: '33601' },
        values: { just: 287450, land: 60000, building: 227450 }, useCode: '0100',
        lastSale: { date: '2010-06-23T00:00:00.000Z', price: 150000 }, raw: expect.any(Object),
      },
    });
    expect(out[1]).toMatchObject({ ok: false, error: { code: 'missing_parcel_id', retry: false, details: { field: 'PARCEL' } } });
  });

  it('ends with one failure item when the query fails', async () => {
    const client = createFakeArcgisClient();
    const out = [];
    for await (const r of syncLayer({ client, layerUrl: 'http://x/none', fieldMap: { parcel_id: 'PARCEL' } })) out.push(r);
    expect(out).toEqual([{ ok: false, error: expect.objectContaining({ code: 'not_found' }) }]);
  });

  it('builds situs from number/street/suffix when there is no line field (Osceola)', () => {
    const r = mapParcel({ Strap: '012345', StreetNumb: 12, StreetName: 'MAIN', StreetSfx: 'ST' }, { parcel_id: 'Strap', situs_number: 'StreetNumb', situs_street: 'StreetName', situs_suffix: 'StreetSfx' });
    expect(r.ok && r.value.situs.line1).toBe('12 MAIN ST');
  });
});

describe('rewriteWhereWithoutAngleBrackets', () => {
  it.each([
    ['TOTAL_MKT >= 100000', 'TOTAL_MKT BETWEEN 100000 AND 999999999999999'],
    ['TOTAL_MKT > 100000 AND DOR_CODE = \'0100\'', "TOTAL_MKT BETWEEN 100001 AND 999999999999999 AND DOR_CODE = '0100'"],
    ['JV <= 5', 'JV BETWEEN -999999999999999 AND 5'],
    ["DOR_CODE <> '0000'", "DOR_CODE NOT IN ('0000')"],
    ["SALE_DATE >= DATE '2024-01-01'", "SALE_DATE BETWEEN DATE '2024-01-01' AND DATE '9999-12-31'"],
    ['1=1', '1=1'],
  ])('%s', (input, expected) => {
    expect(rewriteWhereWithoutAngleBrackets(input)).toEqual({ ok: true, value: expected });
  });

  it('refuses what it cannot rewrite exactly', () => {
    expect(rewriteWhereWithoutAngleBrackets('ACRES > 0.5')).toMatchObject({ ok: false, error: { code: 'unsupported_where', retry: false } });
    expect(rewriteWhereWithoutAngleBrackets("NAME1 > 'M'")).toMatchObject({ ok: false });
    expect(rewriteWhereWithoutAngleBrackets("NAME1 = '<x>'")).toMatchObject({ ok: false });
  });
});
