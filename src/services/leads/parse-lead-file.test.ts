import { Readable } from 'node:stream';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MappedRow } from '../../domain/leads/types.js';
import { parseLeadFile } from './parse-lead-file.js';
import { MESSY_REPORT } from '../../../test/fixtures/imports/messy-report.js';

const messy = join(import.meta.dirname, '../../../test/fixtures/imports/messy.csv');

async function collect(input: string | Readable, extra: { batchSize?: number; preset?: 'generic' } = {}) {
  const rows: MappedRow[] = [];
  const batches: number[] = [];
  const r = await parseLeadFile({ input, ...extra, onRow: (b) => { batches.push(b.length); rows.push(...b); } });
  return { r, rows, batches };
}

describe('parseLeadFile on the messy fixture', () => {
  it('reports exactly the skipped rows and warnings', async () => {
    const { r, rows } = await collect(messy);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The parser reports what it skipped and warned about; counting new properties is the store's job.
    expect(r.value.report).toEqual({ ...MESSY_REPORT, imported: 0 });
    expect(r.value).toMatchObject({ rows: 11, emitted: 7, duplicates: 1, blankRows: 2 });
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3, 7, 8, 10, 11]);
  });

  it('keeps unicode, quoted commas, embedded newlines and escaped quotes intact', async () => {
    const { rows } = await collect(messy);
    const byRow = new Map(rows.map((x) => [x.row, x]));
    expect(byRow.get(1)!.property).toMatchObject({ ownerName: 'José Núñez', situs: { line1: '1207 Example Ave, Unit 4' }, parcelId: '292218000000001', source: 'propstream' });
    expect(byRow.get(1)!.contacts).toEqual([
      { phone: '+14075550123', lineType: 'unknown', source: 'propstream', name: 'José Núñez' },
      { email: 'Jose.Nunez@example.com', source: 'propstream', name: 'José Núñez' },
    ]);
    expect(byRow.get(2)!.property.ownerName).toBe("Liam O'Brien");
    expect(byRow.get(2)!.contacts.map((c) => c.phone ?? c.email)).toEqual(['liam@example.com', '+14075550199']);
    expect(byRow.get(3)!.property).toMatchObject({ ownerName: 'Zoë Adams', parcelId: '6920305AR0D00003A', mailing: { line1: '42 Sample Ln Suite 200' } });
    expect(byRow.get(10)!.property.ownerName).toBe('ROE "JACK" JOHN');
    expect(byRow.get(11)!.property).toMatchObject({ source: 'manual_upload', lastSaleDate: '2009-01-01' });
  });

  it('streams in batches of the requested size', async () => {
    const { batches } = await collect(messy, { batchSize: 3 });
    expect(batches).toEqual([3, 3, 1]);
  });

  it('reads a gzipped file and a stream alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'curb-leads-'));
    const gz = join(dir, 'messy.csv.gz');
    await writeFile(gz, gzipSync(readFileSync(messy)));
    const fromGz = await collect(gz);
    const fromStream = await collect(Readable.from([readFileSync(messy)]));
    expect(fromGz.rows.length).toBe(7);
    expect(fromStream.rows.length).toBe(7);
  });

  it('fails with the field named when no column identifies a property', async () => {
    const r = await parseLeadFile({ input: Readable.from(['owner_name,phone\nJane,4075550123\n']), onRow: () => {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'import_header_invalid', details: { field: 'parcel_id' } });
  });

  it('keeps the rows before an unclosed quote and reports the unreadable rest as skipped', async () => {
    const { r, rows } = await collect(Readable.from(['parcel_id,owner_name\n1,A\n\n2,"unclosed\n3,B\n']));
    expect(rows.map((x) => x.property.parcelId)).toEqual(['1']);
    expect(r.ok && r.value.report.skipped).toEqual([{ row: 3, reason: expect.stringMatching(/^unclosed quote: row 3 opens a quote that is never closed, so the rest of the file \(to line \d+\) could not be read/) }]);
  });

  it('fails cleanly on a missing file and an empty one', async () => {
    expect(await parseLeadFile({ input: '/nonexistent/leads.csv', onRow: () => {} })).toMatchObject({ ok: false, error: { code: 'import_file_unreadable' } });
    expect(await parseLeadFile({ input: Readable.from(['']), onRow: () => {} })).toMatchObject({ ok: false, error: { code: 'import_file_empty' } });
  });
});
