import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { importDncFile } from './import-dnc-file.js';
import { lookupSuppressions } from './lookup-suppressions.js';

function writeZip(path: string, entries: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
    zip.end();
    zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject);
  });
}

const numbers = (from: number, n: number) => Array.from({ length: n }, (_, i) => `407${2_000_000 + from + i}`);

describe.each(databaseTargets())('DNC import (%s)', (kind) => {
  let ctx: TestContext;
  let dir: string;
  let locationId: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ location: { id: locationId } } = await createTenant(ctx.services));
    dir = mkdtempSync(join(tmpdir(), 'curb-dnc-test-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('imports a plain full list in small batches, reports bad lines by number, and a re-import changes nothing', async () => {
    const lines = numbers(0, 25);
    lines.splice(2, 0, '12345'); // line 3
    lines.splice(10, 0, 'not a number'); // line 11
    lines.splice(20, 0, ''); // a blank line holds nothing
    const path = join(dir, 'national-full.txt');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const r = await importDncFile(ctx.services, { list: 'national_dnc', path, listDate: '2025-06-01', batchSize: 7 });
    expect(r).toMatchObject({ added: 25, removed: 0, badLineCount: 2, listDate: '2025-06-01', kind: 'full' });
    expect(r.badLines.map((b) => b.line)).toEqual([3, 11]);
    const again = await importDncFile(ctx.services, { list: 'national_dnc', path, listDate: '2025-06-01', batchSize: 7 });
    expect(again).toMatchObject({ added: 0, removed: 0, badLineCount: 2 });
    const count = await ctx.services.database.executeSql<{ n: number }>("select count(*)::int as n from suppressions where list = 'national_dnc'", []);
    expect(Number(count.rows[0]!.n)).toBe(25);
    const lists = await ctx.services.database.executeSql<{ list_date: string; added: number; bad_lines: number }>("select list_date::text, added, bad_lines from suppression_lists where list = 'national_dnc' order by created_at", []);
    expect(lists.rows.map((x) => x.list_date)).toEqual(['2025-06-01', '2025-06-01']);
  });

  it('counts a number repeated across batches once and keeps the other numbers of its batch', async () => {
    // Batches of 5: the repeat of the first number lands in the third batch, among three new numbers.
    const lines = [...numbers(5000, 10), `407${2_005_000}`, ...numbers(5600, 3), `407${2_005_001}`, ...numbers(5700, 4)];
    const path = join(dir, 'national-repeats.txt');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const r = await importDncFile(ctx.services, { list: 'national_dnc', path, listDate: '2025-06-01', batchSize: 5 });
    expect(r).toMatchObject({ added: 17, badLineCount: 0 });
    const count = await ctx.services.database.executeSql<{ n: number }>("select count(*)::int as n from suppressions where source = 'import:national-repeats.txt'", []);
    expect(Number(count.rows[0]!.n)).toBe(17);
    expect((await lookupSuppressions(ctx.services, { locationId, values: [`+1407${2_005_602}`, `+1407${2_005_703}`] })).size).toBe(2);
  });

  it('imports every file of a zip, naming the entry and line of each bad line, and caps the listed bad lines', async () => {
    const path = join(dir, 'dnc_20250605.zip');
    const a = [...numbers(100, 5), 'x', ...numbers(105, 5)];
    const b = ['407,2000200', '407,200020', ...Array.from({ length: 4 }, () => 'garbage'), '407,2000201'];
    await writeZip(path, { '407.txt': a.join('\n'), 'more/407b.txt': b.join('\n') });
    const r = await importDncFile(ctx.services, { list: 'national_dnc', path, maxBadLines: 3 });
    expect(r.listDate).toBe('2025-06-05'); // from the file name
    expect(r.added).toBe(12);
    expect(r.badLineCount).toBe(6);
    expect(r.badLines).toEqual([
      { line: 6, reason: expect.any(String), entry: '407.txt' },
      { line: 2, reason: expect.any(String), entry: 'more/407b.txt' },
      { line: 3, reason: expect.any(String), entry: 'more/407b.txt' },
    ]);
    const found = await lookupSuppressions(ctx.services, { locationId, values: ['+14072000200', '+14072000104', '+14079999999'] });
    expect(found.get('+14072000200')).toEqual(['national_dnc']);
    expect(found.get('+14072000104')).toEqual(['national_dnc']);
    expect(found.has('+14079999999')).toBe(false);
  });

  it('applies a change list: section headers, per-record actions and deletions', async () => {
    const path = join(dir, 'change.txt');
    writeFileSync(
      path,
      ['ADDITIONS', '4072000500', '4072000501', 'DELETIONS', '4072000000', '4072000001', '4072000500', 'ADDITIONS', '4072000502,A,2025-06-08', '4072000002,D,2025-06-08', 'bad,line'].join('\n'),
    );
    const r = await importDncFile(ctx.services, { list: 'national_dnc', path, listDate: '2025-06-08', change: true });
    // 500 was added then deleted in the same file: the last action wins.
    expect(r).toMatchObject({ added: 2, removed: 3, badLineCount: 1, kind: 'change' });
    expect(r.badLines[0]!.line).toBe(11);
    const found = await lookupSuppressions(ctx.services, { locationId, values: ['+14072000000', '+14072000002', '+14072000500', '+14072000501', '+14072000502'] });
    expect([...found.keys()].sort()).toEqual(['+14072000501', '+14072000502']);
  });

  it('imports state, litigator and internal CSV lists with a header; internal entries belong to one location', async () => {
    const path = join(dir, 'fl.csv');
    writeFileSync(path, 'name,phone,state\n"Doe, Jane",(305) 555-0100,FL\nNo Phone,,FL\nBob,305.555.0101,FL\n');
    const fl = await importDncFile(ctx.services, { list: 'state_dnc', path, state: 'fl', listDate: '2025-04-01' });
    expect(fl).toMatchObject({ added: 2, badLineCount: 1, state: 'FL' });
    expect(fl.badLines[0]!.line).toBe(3);
    await expect(importDncFile(ctx.services, { list: 'state_dnc', path })).rejects.toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'state' }] } });
    await expect(importDncFile(ctx.services, { list: 'internal_dnc', path })).rejects.toMatchObject({ details: { issues: [{ path: 'location' }] } });
    await expect(importDncFile(ctx.services, { list: 'national_dnc', path: join(dir, 'missing.txt') })).rejects.toMatchObject({ details: { issues: [{ path: 'file' }] } });

    const other = await createTenant(ctx.services, 'Other Buyer');
    const internal = join(dir, 'internal.csv');
    writeFileSync(internal, 'phone\n3055550199\n');
    await importDncFile(ctx.services, { list: 'internal_dnc', path: internal, locationId: other.location.id, listDate: '2025-06-01' });
    const lit = join(dir, 'lit.csv');
    writeFileSync(lit, '3055550100\n');
    await importDncFile(ctx.services, { list: 'litigator', path: lit, listDate: '2025-06-01' });
    const here = await lookupSuppressions(ctx.services, { locationId, values: ['+13055550100', '+13055550199'] });
    expect(here.get('+13055550100')?.sort()).toEqual(['litigator', 'state_dnc']);
    expect(here.has('+13055550199')).toBe(false);
    const there = await lookupSuppressions(ctx.services, { locationId: other.location.id, values: ['+13055550199'] });
    expect(there.get('+13055550199')).toEqual(['internal_dnc']);
  });
});
