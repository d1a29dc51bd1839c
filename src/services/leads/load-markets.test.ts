import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../lib/result.js';
import { loadMarkets } from './load-markets.js';

describe('loadMarkets', () => {
  it('loads the five seed counties with their DOR numbers, time zone and statewide layer filter', async () => {
    const markets = unwrap(await loadMarkets());
    expect(markets.map((m) => [m.county, m.fl_dor_co_no])).toEqual([
      ['Lake', 45],
      ['Orange', 58],
      ['Osceola', 59],
      ['Seminole', 69],
      ['Volusia', 74],
    ]);
    for (const m of markets) {
      expect(m).toMatchObject({ state: 'FL', timezone: 'America/New_York', tiers: { A: 43, 'B+': 38 }, scoring_profile: 'wholesale-fl-v1' });
      expect(m.sources.statewide_parcels).toMatchObject({ kind: 'arcgis_query', where: `CO_NO=${m.fl_dor_co_no}` });
      expect(m.local_context.length).toBeGreaterThan(20);
    }
    const orange = markets.find((m) => m.id === 'orange-fl')!;
    expect(orange.sources.parcel_lookup!.field_map).toMatchObject({ parcel_id: 'PARCEL', owner_name_1: 'NAME1' });
    expect(orange.sources.code_enforcement_orlando).toMatchObject({ kind: 'socrata_soda', dataset: 'k6e8-nw6w' });
  });

  it('names the file and the field of a bad market', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'curb-markets-'));
    const good = await readFile('config/markets/orange-fl.yaml', 'utf8');
    await writeFile(join(dir, 'a.yaml'), good);
    await writeFile(join(dir, 'b.yaml'), good.replace('timezone: America/New_York', 'timezone: America/Orlando'));
    const r = await loadMarkets({ dir });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`${join(dir, 'b.yaml')}: timezone: unknown IANA time zone`);
  });

  it('refuses a source without the URL its kind needs, and duplicate ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'curb-markets-'));
    const good = await readFile('config/markets/lake-fl.yaml', 'utf8');
    await writeFile(join(dir, 'x.yaml'), good.replace('    url: https://services1.arcgis.com/7LNyA2emK1umjjot/arcgis/rest/services/Tax_Parcels_Hosted/FeatureServer/0\n', ''));
    const r = await loadMarkets({ dir });
    expect(!r.ok && r.error.message).toBe(`${join(dir, 'x.yaml')}: sources.parcel_lookup.url: arcgis_query sources need a url`);

    const dup = await mkdtemp(join(tmpdir(), 'curb-markets-'));
    await writeFile(join(dup, 'a.yaml'), good);
    await writeFile(join(dup, 'b.yml'), good);
    const d = await loadMarkets({ dir: dup });
    expect(!d.ok && d.error.message).toContain('id: "lake-fl" is already used by');
  });
});
