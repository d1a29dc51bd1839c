#!/usr/bin/env node
/** `curb`: every command accepts `--json` and then prints exactly one JSON document on stdout. */
import { Command } from 'commander';
import { registerClassify } from './commands/classify.js';
import { registerCompliance } from './commands/compliance.js';
import { registerDemo } from './commands/demo.js';
import { registerDnc } from './commands/dnc.js';
import { registerDoctor } from './commands/doctor.js';
import { registerKeys } from './commands/keys.js';
import { registerLeads } from './commands/leads.js';
import { registerLlm } from './commands/llm.js';
import { registerLocations } from './commands/locations.js';
import { registerMarkets } from './commands/markets.js';
import { registerMls } from './commands/mls.js';
import { registerMigrate } from './commands/migrate.js';
import { registerRecords } from './commands/records.js';
import { registerServe } from './commands/serve.js';
import { registerShell } from './commands/shell.js';
import { registerSkipTrace } from './commands/skiptrace.js';
import { registerSms } from './commands/sms.js';
import { registerTemplates } from './commands/templates.js';
import { CliExit, type OutputOptions, reportError } from './output.js';

const program = new Command();
program
  .name('curb')
  .description('Curb — compliant AI outreach for real-estate investors')
  .option('--json', 'print exactly one JSON document on stdout')
  .showHelpAfterError()
  .exitOverride();

/** Runs a command body with the global output options; maps errors to the error document and exit code. */
async function run(fn: (o: OutputOptions) => Promise<void>): Promise<void> {
  const o: OutputOptions = { json: Boolean(program.opts().json) };
  try {
    await fn(o);
  } catch (e) {
    process.exitCode = reportError(o, e);
  }
}

registerDemo(program, run);
registerServe(program, run);
registerMigrate(program, run);
registerKeys(program, run);
registerLocations(program, run);
registerDoctor(program, run);
registerShell(program, run);
registerCompliance(program, run);
registerDnc(program, run);
registerLeads(program, run);
registerMarkets(program, run);
registerMls(program, run);
registerRecords(program, run);
registerSkipTrace(program, run);
registerSms(program, run);
registerLlm(program, run);
registerTemplates(program, run);
registerClassify(program, run);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const json = process.argv.includes('--json');
  const code = (e as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exitCode = 0;
  else if (e instanceof CliExit) process.exitCode = e.code;
  else if (typeof code === 'string' && code.startsWith('commander.')) {
    // Bad usage is bad input.
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'bad_request', message: (e as Error).message } })}\n`);
    process.exitCode = 2;
  } else process.exitCode = reportError({ json }, e);
}
