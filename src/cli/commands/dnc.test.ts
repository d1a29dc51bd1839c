import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';

describe('curb dnc import (embedded database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'curb-dnc-cli-'));
  const env = { CURB_DATA_DIR: join(dir, 'data'), DATABASE_URL: undefined };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a file, prints the report as JSON and rejects a bad --list with exit 2', async () => {
    const path = join(dir, 'national.txt');
    writeFileSync(path, '4075550001\n4075550002\n123\n407,5550003\n');
    const r = await runCli(['--json', 'dnc', 'import', '--list', 'national', path, '--list-date', '2025-06-01'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ list: 'national_dnc', added: 3, removed: 0, badLineCount: 1, badLines: [{ line: 3 }], listDate: '2025-06-01' });
    const bad = await runCli(['--json', 'dnc', 'import', '--list', 'federal', path], env);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.details.issues[0].path).toBe('list');
    const badDate = await runCli(['--json', 'dnc', 'import', '--list', 'national', path, '--list-date', '2025-13-01'], env);
    expect(badDate.code).toBe(2);
    expect(JSON.parse(badDate.stdout).error.details.issues[0].path).toBe('listDate');
  }, 240_000);
});
