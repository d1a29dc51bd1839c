import { describe, expect, it } from 'vitest';
import { coverage } from './coverage.js';
import { createCsvSkipTraceProvider, parseSkipTraceCsv } from './csv-results.js';

const CSV = [
  'Parcel_ID,Phone,Email,Source',
  '29-22-18-0000-00-001,(407) 555-0100,jane.doe@example.com,propstream',
  '292218000000001,407-555-0101,,propstream',
  '292218000000002,not a phone,john@example.com,',
  ',4075550102,,batchleads',
  '292218000000003,,bad@,manual',
  '"292218000000004","407 555 0103","a@example.com, b",dealmachine',
  '292218000000005,,,x',
].join('\r\n');

describe('parseSkipTraceCsv', () => {
  it('merges rows per parcel, normalises phones to E.164 and reports bad fields by row', () => {
    const { results, errors, rowsRead } = parseSkipTraceCsv(CSV);
    expect(rowsRead).toBe(7);
    const p1 = results.find((r) => r.requestId === '292218000000001')!;
    expect(p1.persons[0]!.phones.map((p) => p.e164)).toEqual(['+14075550100', '+14075550101']);
    expect(p1.persons[0]!.emails).toEqual([{ address: 'jane.doe@example.com' }]);
    expect(p1.provider).toBe('csv:propstream');
    const p2 = results.find((r) => r.requestId === '292218000000002')!;
    expect(p2.persons[0]!.emails).toHaveLength(1);
    expect(p2.provider).toBe('csv:manual_upload');
    expect(errors).toEqual([
      { row: 4, field: 'phone', message: 'not a valid US phone number: not a phone' },
      { row: 5, field: 'parcel_id', message: 'parcel_id is required' },
      { row: 6, field: 'email', message: 'not a valid email address: bad@' },
      { row: 7, field: 'email', message: 'not a valid email address: a@example.com, b' },
      { row: 8, field: 'phone', message: 'row has neither phone nor email' },
    ]);
    expect(coverage(results)).toMatchObject({ requested: 5, withPhone: 2, withEmail: 2 });
  });

  it('keeps each row with a parcel id and its valid values, numbered as its errors', () => {
    const text = '\uFEFFParcel ID,Phone,EMAIL,source\n29-22-18,(407) 555-0100,Jane@Example.com,x\n\n,407-555-0101,,\n58-000-1,555-12,not-an-email,\n';
    const parsed = parseSkipTraceCsv(text);
    expect(parsed.rows).toEqual([
      { row: 2, parcelId: '292218', values: ['+14075550100', 'jane@example.com'] },
      { row: 4, parcelId: '580001', values: [] },
    ]);
    // The same numbering: 3 has no parcel id, 4 a bad phone and a bad email.
    expect(parsed.errors.map((e) => e.row)).toEqual([3, 4, 4]);
    expect(parseSkipTraceCsv('a,"b\n').rows).toEqual([]);
  });

  it('names the missing column', () => {
    expect(parseSkipTraceCsv('apn,phone\n1,4075550100\n').errors).toEqual([{ row: 1, field: 'parcel_id', message: expect.stringContaining('missing column parcel_id') }]);
  });

  it('works as a provider matched by APN or requestId', async () => {
    const provider = createCsvSkipTraceProvider(parseSkipTraceCsv(CSV));
    const r = await provider.trace([
      { requestId: 'prop-1', propertyAddress: { street: '1 X' }, apn: { county: 'orange', state: 'FL', value: '29-22-18-0000-00-001' } },
      { requestId: '292218000000004', propertyAddress: { street: '2 X' } },
      { requestId: 'zzz', propertyAddress: { street: '3 X' } },
    ]);
    expect(r.ok && r.value.map((x) => [x.requestId, x.matched, x.billedUnits])).toEqual([['prop-1', true, 1], ['292218000000004', true, 1], ['zzz', false, 0]]);
  });
});
