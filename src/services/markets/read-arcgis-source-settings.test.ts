import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificateChain } from '../../../test/helpers/test-certs.js';
import { MarketSourceSchema } from '../../domain/markets/market-config.js';
import { readArcgisSourceSettings } from './read-arcgis-source-settings.js';

// Made when the file loads: the cases below name paths inside it.
const configDir = mkdtempSync(join(tmpdir(), 'curb-source-settings-'));
let intermediatePem: string;
beforeAll(() => {
  intermediatePem = generateCertificateChain().intermediatePem;
  writeFileSync(join(configDir, 'intermediate.pem'), intermediatePem);
  writeFileSync(join(configDir, 'with-key.pem'), `${intermediatePem}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`);
  writeFileSync(join(configDir, 'empty.pem'), 'nothing here\n');
});
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const read = (source: Record<string, unknown>) =>
  readArcgisSourceSettings({
    marketId: 'osceola-fl',
    sourceName: 'parcel_lookup',
    source: MarketSourceSchema.parse({ kind: 'arcgis_query', status: 'reported', url: 'https://gis.example.gov/arcgis/rest/services/Parcels/FeatureServer/3', ...source }),
    configDir,
  });
const problem = (source: Record<string, unknown>) => {
  const r = read(source);
  if (r.ok) throw new Error('expected a problem');
  return r.error;
};

describe('readArcgisSourceSettings', () => {
  it('resolves object_id_field, page_size, order_by, out_fields, quirks and the CA bundle', () => {
    const r = read({
      object_id_field: 'OBJECTID_1',
      page_size: 500,
      order_by: 'SALE_DATE  desc ,  OBJECTID_1 ASC',
      out_fields: ['Strap', 'Owner1'],
      field_map: { parcel_id: 'Strap', owner_name_1: 'owner1' },
      quirks: ['prefer_post', 'no_angle_brackets_use_between'],
      method: 'POST',
      tls: { extra_ca_bundle: 'intermediate.pem' },
    });
    expect(r.ok && r.value).toMatchObject({
      objectIdField: 'OBJECTID_1',
      pageSize: 500,
      orderBy: 'SALE_DATE desc,OBJECTID_1 ASC',
      outFields: ['Strap', 'Owner1'],
      quirks: { preferPost: true, noAngleBrackets: true },
      method: 'POST',
      extraCa: { path: join(configDir, 'intermediate.pem'), pem: intermediatePem },
    });
  });

  it.each([
    [{ page_size: 0 }, 'page_size', 'must be at least 1'],
    [{ page_size: 'lots' }, 'page_size', 'must be a whole number of records'],
    [{ page_size: 12.5 }, 'page_size', 'must be a whole number of records'],
    [{ object_id_field: 'OBJECTID 1' }, 'object_id_field', 'must be an ArcGIS field name'],
    [{ order_by: 'OBJECTID UP' }, 'order_by', 'comma-separated'],
    [{ out_fields: 'PARCEL,NAME1' }, 'out_fields', 'must be a list of field names'],
    [{ out_fields: [] }, 'out_fields', 'must name at least one field'],
    [{ out_fields: ['PARCEL'], field_map: { parcel_id: 'PARCEL', owner_name_1: 'NAME1' } }, 'out_fields', 'does not request NAME1, which the field_map reads'],
    [{ tls: { ca: 'x.pem' } }, 'tls.extra_ca_bundle', 'must be the path of a PEM file'],
    [{ tls: 'x.pem' }, 'tls', 'must be { extra_ca_bundle: <path of a PEM file> }'],
    [{ tls: { extra_ca_bundle: 'missing.pem' } }, 'tls.extra_ca_bundle', `${join(configDir, 'missing.pem')} does not exist`],
    [{ tls: { extra_ca_bundle: 'empty.pem' } }, 'tls.extra_ca_bundle', 'holds no PEM certificate'],
    [{ tls: { extra_ca_bundle: 'with-key.pem' } }, 'tls.extra_ca_bundle', 'holds a private key'],
    [{ url: 'http://gis.example.gov/arcgis/rest/services/P/MapServer/0', tls: { extra_ca_bundle: 'intermediate.pem' } }, 'tls.extra_ca_bundle', 'applies to https:// urls only'],
    [{ quirks: ['prefer_pots'] }, 'quirks', '"prefer_pots" is not a known quirk'],
    [{ pagesize: 100 }, 'pagesize', 'not a setting of arcgis_query sources'],
    [{ out_sr: 4326 }, 'out_sr', 'not a setting of arcgis_query sources'],
  ])('%j → an error naming the market, the source and %s', (source, key, message) => {
    const e = problem(source);
    expect(e).toMatchObject({ code: 'market_invalid', retry: false, details: { market: 'osceola-fl', source: 'parcel_lookup', key } });
    expect(e.message).toMatch(new RegExp(`^market osceola-fl, source parcel_lookup: ${key.replace('.', '\\.')}: `));
    expect(e.message).toContain(message);
  });

  it('reads an absolute bundle path as given', () => {
    const r = read({ tls: { extra_ca_bundle: join(configDir, 'intermediate.pem') } });
    expect(r.ok && r.value.extraCa?.pem).toBe(intermediatePem);
  });
});
