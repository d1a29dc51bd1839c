/**
 * Acceptance (issue 9): `curb demo --no-serve --json` shows a non-empty funnel at every stage and zero
 * compliance violations; and the README's first command, `curb demo`, serves the API (GET /readyz 200)
 * within 60 s on its throwaway database, marked as demo data.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function emptyDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'curb-demo-test-'));
  dirs.push(dir);
  return dir;
}

interface DemoJson {
  funnel: { contacted: number; responded: number; interested: number; handoffs: number; deals: number };
  complianceViolations: number;
  complianceCheck: { sendsChecked: number; violations: number };
  touches: Record<string, number>;
  approvals: { approved: number; sent: number; skipped: number };
  replies: { received: number; byIntent: Record<string, number>; autoReplies: number; personReplies: number };
  optOuts: number;
  blocked: number;
  blockedByRule: Record<string, number>;
  forApproval: number;
  forApprovalByRule: Record<string, number>;
  deferred: number;
  costUsd: number;
  profitUsd: number;
  simulatedDays: number;
  simulation: { webhookRejected: number };
  tookMs: number;
}

describe('curb demo', () => {
  it('--no-serve --json: one summary with every funnel stage filled and zero violations', async () => {
    const dataDir = emptyDataDir();
    // A pinned start makes the run the same every time (the default ends the simulated weeks today).
    const r = await runCli(['--json', 'demo', '--no-serve', '--start', '2025-06-09T09:00:00Z'], { CURB_DATA_DIR: dataDir, SMS_PROVIDER: 'twilio' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const d = JSON.parse(lines[0]!) as DemoJson;
    const { contacted, responded, interested, handoffs, deals } = d.funnel;
    expect(contacted).toBeGreaterThan(0);
    expect(responded).toBeGreaterThan(0);
    expect(interested).toBeGreaterThan(0);
    expect(handoffs).toBeGreaterThan(0);
    expect(deals).toBeGreaterThan(0);
    expect(contacted).toBeGreaterThanOrEqual(responded);
    expect(responded).toBeGreaterThanOrEqual(interested);
    expect(interested).toBeGreaterThanOrEqual(deals);

    expect(d.complianceViolations).toBe(0);
    expect(d.complianceCheck.sendsChecked).toBe(Object.entries(d.touches).filter(([s]) => s === 'sent' || s === 'delivered').reduce((a, [, n]) => a + n, 0));
    expect(d.complianceCheck.sendsChecked).toBeGreaterThan(0);
    // Everything the brief asks the demo to show happened for real.
    expect(d.simulatedDays).toBe(21);
    expect(d.simulation.webhookRejected).toBe(0);
    expect(d.approvals.sent).toBeGreaterThan(0);
    expect(d.approvals.skipped).toBeGreaterThan(0);
    expect(d.blockedByRule.F2).toBeGreaterThan(0);
    expect(d.blockedByRule.F6).toBeGreaterThan(0);
    // Cold owners' automated texts held for a person are recorded apart from the blocks.
    expect(d.forApproval).toBeGreaterThan(0);
    expect(d.forApprovalByRule['CURB-COLD']).toBeGreaterThan(0);
    expect(d.deferred).toBeGreaterThan(0);
    expect(d.optOuts).toBeGreaterThan(0);
    for (const intent of ['interested', 'not_interested', 'opt_out', 'question', 'wrong_number']) expect(d.replies.byIntent[intent], intent).toBeGreaterThan(0);
    expect(d.replies.autoReplies).toBeGreaterThan(0);
    expect(d.replies.personReplies).toBeGreaterThan(0);
    expect(d.costUsd).toBeGreaterThan(0);
    expect(d.profitUsd).toBeGreaterThan(0);
    // Throwaway: nothing written to the data folder, whatever SMS_PROVIDER says.
    expect(readdirSync(dataDir)).toEqual([]);
  }, 240_000);

  it('the README first command: serves at once (GET /readyz 200 within 60 s) on demo data, and stops cleanly on SIGTERM mid-simulation', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', 'demo', '--port', '0', '--host', '127.0.0.1', '--owners', '120', '--days', '7'], {
      cwd: ROOT,
      env: { ...process.env, TEST_DATABASE_URL: undefined, DATABASE_URL: undefined, LOG_LEVEL: 'error', CURB_DATA_DIR: emptyDataDir() } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const t0 = performance.now();
    let out = '';
    const doc = await new Promise<{ url: string; dashboard: string; apiKey: string; demo: boolean }>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      setTimeout(() => reject(new Error('no startup document within 60 s')), 60_000).unref();
    });
    expect(doc.demo).toBe(true);
    let ready = false;
    while (!ready && performance.now() - t0 < 60_000) {
      ready = (await fetch(`${doc.url}/readyz`).catch(() => null))?.status === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(true);
    const auth = { authorization: `Bearer ${doc.apiKey}` };
    const location = (await (await fetch(`${doc.url}/v1/location`, { headers: auth })).json()) as { businessName: string; settings: { demo?: boolean } };
    expect(location.businessName).toContain('(demo data)');
    expect(location.settings.demo).toBe(true);
    expect((await fetch(doc.dashboard)).status).toBe(200);
    // The dashboard fills while the simulation runs: the overview's funnel starts counting.
    let contacted = 0;
    while (contacted === 0 && performance.now() - t0 < 150_000) {
      const res = await fetch(`${doc.url}/v1/analytics/overview`, { headers: auth }).catch(() => null);
      contacted = res?.ok ? ((await res.json()) as { funnel: { contacted: number } }).funnel.contacted : 0;
      if (contacted === 0) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(contacted).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // --json: exactly one document.
    expect(out.trim().split('\n')).toHaveLength(1);
    // The simulation stopped before the database closed: nothing failed on the way out.
    expect(errors).toBe('');
  }, 240_000);
});
