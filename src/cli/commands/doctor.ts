import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/env.js';
import { type Database, openDatabase } from '../../db/client.js';
import { collectDoctorChecks, type DoctorCheck } from '../../services/system/collect-doctor-checks.js';
import { type OutputOptions, writeResult } from '../output.js';

/** What Curb can do with this configuration, and what is missing for real sending. */
export function registerDoctor(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  program
    .command('doctor')
    .description('check config, database, migrations, jobs and providers; list what is missing for real sending')
    .action(() =>
      run(async (o) => {
        const checks: DoctorCheck[] = [];
        const missing: string[] = [];
        let config;
        try {
          config = loadConfig();
          checks.push({ name: 'config', ok: true, detail: 'environment parsed' });
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          checks.push({ name: 'config', ok: false, detail: e.message });
        }
        if (config) {
          let database: Database | null = null;
          let databaseError: string | undefined;
          try {
            database = await openDatabase(config.database);
          } catch (e) {
            databaseError = (e as Error).message;
          }
          try {
            const report = await collectDoctorChecks({ config, database, ...(databaseError ? { databaseError } : {}) });
            checks.push(...report.checks);
            missing.push(...report.missingForRealSending);
          } finally {
            await database?.close();
          }
        }
        const ok = checks.every((c) => c.ok);
        writeResult(o, { ok, checks, missingForRealSending: missing }, () =>
          [...checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(16)} ${c.detail}`), '', 'Missing for real sending:', ...missing.map((m) => `  - ${m}`)].join('\n'),
        );
        if (!ok) process.exitCode = 1;
      }),
    );
}
