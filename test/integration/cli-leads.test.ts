/**
 * `curb import leads`, `curb markets` and `curb skiptrace` through the real CLI process, on an embedded
 * PGlite data directory and on a fresh PostgreSQL database.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSY_REPORT } from '../fixtures/imports/messy-report.js';
import { createFreshPostgresDatabase, databaseTargets } from '../helpers/test-database.js';

const ROOT = resolve(import.meta.dirname, '../..');
const messy = join(ROOT, 'test/fixtures/imports/messy.csv');

describe.each(databaseTargets())('curb import leads (%s)', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'curb-cli-leads-'));
  let env: Record<string, string>;
  let drop = async (): Promise<void> => {};
  const curb = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    env = { CURB_DATA_DIR: dataDir, EMAIL_MX_CHECK: 'false', LOG_LEVEL: 'silent' };
    if (kind === 'postgres') {
      const fresh = await createFreshPostgresDatabase();
      env.DATABASE_URL = fresh.url;
      drop = fresh.drop;
    }
    expect(curb('--json', 'locations', 'create', '--name', 'CLI Buyers').code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints only the report with --json, and nothing new on a re-run', () => {
    const first = curb('--json', 'import', 'leads', messy);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual(MESSY_REPORT);
    const again = curb('--json', 'import', 'leads', messy, '--preset', 'generic');
    expect(JSON.parse(again.stdout)).toEqual({ ...MESSY_REPORT, imported: 0, updated: 0 });
  }, 120_000);

  it('exits 2 naming a malformed --map', () => {
    const r = curb('--json', 'import', 'leads', messy, '--map', 'phone1');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'map' }] } });
    expect(JSON.parse(r.stdout).error.message).toContain('phone1');
  }, 60_000);

  it('skip-traces from a results CSV and records what the matches cost; a bad price is named', () => {
    expect(curb('--json', 'import', 'leads', messy).code).toBe(0);
    const results = join(dataDir, 'skiptrace-results.csv');
    // Row 3 names a parcel Curb does not have: the report counts it and names its row.
    writeFileSync(results, 'parcel_id,phone,email,source\n45-19-26-0001-000-00100,(352) 555-0177,,skip_vendor\n99-00-00,(352) 555-0178,,skip_vendor\n');
    const bad = curb('--json', 'skiptrace', '--provider', 'csv', '--file', results, '--price-per-match', '-1');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'price-per-match' }] } });
    const r = curb('--json', 'skiptrace', '--provider', 'csv', '--file', results, '--price-per-match', '0.15');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ matched: 1, withPhone: 1, billedUnits: 1, costUsd: 0.15, unknownParcels: 1, unknownParcelRows: [3], nothingNew: 0 });
  }, 120_000);

  it('lists the markets', () => {
    const r = curb('--json', 'markets', 'list');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.map((m: { key: string }) => m.key)).toContain('orange-fl');
  }, 60_000);
});
