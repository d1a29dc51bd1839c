import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompressRetHtml } from './decompress-ret-html.js';
import { parseAuctionItems } from './parse-auction-items.js';
import { parseUpdateResponse } from './parse-update-response.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../../test/fixtures/public-records/${name}`, import.meta.url), 'utf8');

describe('RealAuction parser', () => {
  it('decompresses the @A…@L tokens exactly', () => {
    const { retHTML } = JSON.parse(fixture('realauction-update.json')) as { retHTML: string };
    expect(decompressRetHtml(retHTML)).toBe(fixture('realauction-update.expected.html').trimEnd());
    expect(decompressRetHtml('@H@CAD_LBL">X@F @CAD_DTA">Y@G')).toBe('<tr><td class="AD_LBL">X</td><td class="AD_DTA">Y</td></tr>');
  });

  it('parses foreclosure items: case, judgment, parcel, two-row address, assessed value, start', () => {
    const { events, skipped } = parseAuctionItems(fixture('realauction-items.html'), { source: 'realauction:myorangeclerk.realforeclose.com' });
    expect(skipped).toEqual([]);
    expect(events[0]).toEqual({
      signal: 'foreclosure_sale_scheduled',
      parcelId: '292218000000001',
      parcelIdDisplay: '29-22-18-0000-00-001',
      caseNumber: '2024-CA-001234-O',
      amount: 214337.12,
      assessedValue: 287450,
      saleDate: '2025-10-14T11:00',
      address: { line1: '1207 EXAMPLE AVE', city: 'ORLANDO', state: 'FL', zip: '32808' },
      auctionId: '1495934',
      source: 'realauction:myorangeclerk.realforeclose.com',
    });
  });

  it('drops a parcel id without digits instead of guessing', () => {
    const { events } = parseAuctionItems(fixture('realauction-items.html'), { source: 's' });
    expect(events[1]).toMatchObject({ caseNumber: '2023-CA-009876-O', amount: 98001, address: { line1: '45 SAMPLE ST UNIT 2', city: 'WINTER PARK', zip: '32789' } });
    expect(events[1]!.parcelId).toBeUndefined();
  });

  it('parses a compressed tax-deed update answer end to end', () => {
    const r = parseUpdateResponse(fixture('realauction-update.json'), { source: 'realauction:orange.realtaxdeed.com' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rlist).toBe('88001,88002');
    expect(r.value.events).toEqual([
      {
        signal: 'tax_deed_application_or_sale', parcelId: '123456789012345', parcelIdDisplay: '12-34-56-7890-12-345', caseNumber: '2023-1234',
        certificateNumber: '2021-5678', amount: 12345.67, assessedValue: 150000, saleDate: '2025-12-18T10:00',
        address: { line1: '900 DEMO DR', city: 'ORLANDO', state: 'FL', zip: '32801' }, auctionId: '88001', source: 'realauction:orange.realtaxdeed.com',
      },
      {
        signal: 'tax_deed_application_or_sale', parcelId: '012027000000010', parcelIdDisplay: '01-20-27-0000-00-010', certificateNumber: '2020-0042',
        amount: 3210, saleDate: '2025-12-18T10:00', address: { line1: 'UNASSIGNED' }, auctionId: '88002', source: 'realauction:orange.realtaxdeed.com',
      },
    ]);
  });

  it('refuses a non-JSON update answer', () => {
    expect(parseUpdateResponse('<html>Session expired</html>', { source: 's' })).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
  });
});
