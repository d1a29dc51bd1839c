import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFreshPostgresDatabase, databaseTargets } from '../helpers/test-database.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function freshEnv(kind: 'pglite' | 'postgres'): Promise<Record<string, string>> {
  if (kind === 'postgres') {
    const fresh = await createFreshPostgresDatabase();
    cleanups.push(fresh.drop);
    const dir = mkdtempSync(join(tmpdir(), 'curb-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { DATABASE_URL: fresh.url, CURB_DATA_DIR: dir };
  }
  const dir = mkdtempSync(join(tmpdir(), 'curb-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { CURB_DATA_DIR: dir };
}

/** One JSON document on stdout, nothing else. */
function onlyJson(stdout: string): unknown {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe.each(databaseTargets())('curb serve (%s)', (kind) => {
  it('starts on an empty database, migrates, becomes ready within 60 s, and guards /v1 with keys', async () => {
    const env = await freshEnv(kind);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', 'serve', '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { ...process.env, TEST_DATABASE_URL: undefined, LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const t0 = performance.now();
    const doc = await new Promise<{ url: string; firstRun?: { apiKey: string } }>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      setTimeout(() => reject(new Error('no startup document within 60 s')), 60_000).unref();
    });
    let ready = false;
    while (!ready && performance.now() - t0 < 60_000) {
      ready = (await fetch(`${doc.url}/readyz`).catch(() => null))?.status === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(true);
    expect((await fetch(`${doc.url}/v1/contacts`)).status).toBe(401);
    if (kind === 'pglite') {
      // First start of an empty embedded database: a location and a key, shown once.
      expect(doc.firstRun?.apiKey).toMatch(/^curb_/);
      const res = await fetch(`${doc.url}/v1/location`, { headers: { authorization: `Bearer ${doc.firstRun!.apiKey}` } });
      expect(res.status).toBe(200);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});

describe.each(databaseTargets())('curb commands with --json (%s)', (kind) => {
  it('migrate twice is a no-op the second time', async () => {
    const env = await freshEnv(kind);
    const first = await runCli(['--json', 'migrate'], env);
    expect(first.code).toBe(0);
    const a = onlyJson(first.stdout) as { applied: number; total: number; newlyApplied: number };
    expect(a.newlyApplied).toBe(a.total);
    const second = await runCli(['--json', 'migrate'], env);
    expect(onlyJson(second.stdout)).toMatchObject({ newlyApplied: 0, applied: a.total });
  }, 120_000);

  it('locations and keys: create, list, revoke; errors are one JSON document with exit 2', async () => {
    const env = await freshEnv(kind);
    const loc = await runCli(['--json', 'locations', 'create', '--name', 'Gulf Coast Buyers', '--time-zone', 'America/Chicago'], env);
    expect(loc.code).toBe(0);
    const location = (onlyJson(loc.stdout) as { location: { id: string; timeZone: string } }).location;
    expect(location.timeZone).toBe('America/Chicago');
    const created = await runCli(['--json', 'keys', 'create', '--location', location.id, '--name', 'zapier'], env);
    const { key, apiKey } = onlyJson(created.stdout) as { key: string; apiKey: { prefix: string } };
    expect(key).toMatch(/^curb_[A-Za-z0-9]{8}_/);
    const listed = onlyJson((await runCli(['--json', 'keys', 'list'], env)).stdout) as { data: Array<{ prefix: string; revokedAt: string | null }> };
    expect(listed.data.map((k) => k.prefix)).toContain(apiKey.prefix);
    expect(JSON.stringify(listed)).not.toContain(key);
    const revoked = onlyJson((await runCli(['--json', 'keys', 'revoke', apiKey.prefix], env)).stdout) as { apiKey: { revokedAt: string } };
    expect(revoked.apiKey.revokedAt).toBeTruthy();

    const bad = await runCli(['--json', 'locations', 'create', '--name', 'X', '--time-zone', 'Nowhere/Land'], env);
    expect(bad.code).toBe(2);
    expect((onlyJson(bad.stdout) as { error: { message: string } }).error.message).toContain('timeZone');
    const unknown = await runCli(['--json', 'keys', 'revoke', 'nosuchkey'], env);
    expect(unknown.code).toBe(2);
    expect(onlyJson(unknown.stdout)).toMatchObject({ error: { code: 'not_found' } });
    const usage = await runCli(['--json', 'keys', 'frobnicate'], env);
    expect(usage.code).toBe(2);
  }, 120_000);

  it('invalid environment: every bad variable listed, exit 2', async () => {
    const res = await runCli(['--json', 'migrate'], { PORT: 'abc', DATABASE_URL: 'mysql://nope', PUBLIC_URL: 'nope' });
    expect(res.code).toBe(2);
    const doc = onlyJson(res.stdout) as { error: { details: { variables: Array<{ variable: string }> } } };
    expect(doc.error.details.variables.map((v) => v.variable).sort()).toEqual(['DATABASE_URL', 'PORT', 'PUBLIC_URL']);
  }, 60_000);

  it('doctor reports each check and what is missing for real sending', async () => {
    const env = await freshEnv(kind);
    await runCli(['--json', 'migrate'], env);
    const res = await runCli(['--json', 'doctor'], env);
    const doc = onlyJson(res.stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean }>; missingForRealSending: string[] };
    expect(doc.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['config', 'database', 'migrations', 'jobs', 'provider.sms', 'provider.email', 'provider.llm']));
    expect(doc.checks.find((c) => c.name === 'migrations')?.ok).toBe(true);
    expect(doc.missingForRealSending.join(' ')).toMatch(/TWILIO_ACCOUNT_SID/);
  }, 120_000);

  it('shell --eval runs an expression against the loaded services', async () => {
    const env = await freshEnv(kind);
    const res = await runCli(['--json', 'shell', '--eval', '(await services.database.executeSql("select 41 + 1 as n", [])).rows[0].n'], env);
    expect(res.code).toBe(0);
    expect(onlyJson(res.stdout)).toEqual({ value: 42 });
  }, 120_000);
});
