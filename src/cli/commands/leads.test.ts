import { describe, expect, it } from 'vitest';
import { progressLine } from './leads.js';

describe('progressLine', () => {
  it('draws a bar by bytes read, the rows, the counts and the rate on a terminal', () => {
    const out: string[] = [];
    let t = 0;
    const bar = progressLine('list.csv', { isTTY: true, write: (s: string) => out.push(s) }, () => t);
    t = 2_000;
    bar.update({ rowsRead: 4_000, imported: 3_900, updated: 100, bytesRead: 512, bytesTotal: 1_024 });
    bar.done();
    expect(out[0]).toBe('\rlist.csv [############------------]  50%  row 4,000  imported 3900  updated 100  2,000 rows/s\u001b[K');
    expect(out[1]).toBe('\n');
  });

  it('prints nothing when nobody watches (a pipe, a log)', () => {
    const out: string[] = [];
    const bar = progressLine('list.csv', { isTTY: false, write: (s: string) => out.push(s) });
    bar.update({ rowsRead: 10, imported: 10, updated: 0 });
    bar.done();
    expect(out).toEqual([]);
  });
});
