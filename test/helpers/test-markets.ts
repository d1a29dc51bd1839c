import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface TestMarket {
  /** File name and market id, e.g. `testland-fl`. */
  id: string;
  /** The county name; the market is `<county> County, FL`. */
  county: string;
  /** The `sources:` entries, already indented two spaces (YAML). */
  sources: string;
  cities?: string[];
}

/** A fictional Florida market's YAML (DOR county 58, FIPS 12999, Eastern time, the wholesale profile). */
export function testMarketYaml(m: TestMarket): string {
  return `id: ${m.id}
name: ${m.county} County, FL
county: ${m.county}
state: FL
fips: "12999"
fl_dor_co_no: 58
timezone: America/New_York
scoring_profile: wholesale-fl-v1
local_context: "A fictional county for tests."
${m.cities ? `cities: [${m.cities.join(', ')}]\n` : ''}sources:
${m.sources.endsWith('\n') ? m.sources : `${m.sources}\n`}`;
}

/**
 * A `CURB_CONFIG_DIR` for tests: the repository's scoring profiles and the given markets (nothing else), in `dir`
 * or a new temporary directory. Returns the directory.
 */
export function createTestConfigDir(markets: readonly TestMarket[], dir = mkdtempSync(join(tmpdir(), 'curb-config-'))): string {
  mkdirSync(join(dir, 'markets'), { recursive: true });
  cpSync(join(ROOT, 'config/scoring'), join(dir, 'scoring'), { recursive: true });
  for (const m of markets) writeFileSync(join(dir, 'markets', `${m.id}.yaml`), testMarketYaml(m));
  return dir;
}
