import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Decision } from '../../domain/compliance/decision.js';
import { detectKeywords } from '../../domain/replies/opt-out.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { checkSituation } from '../../services/compliance/check-situation.js';
import type { ComplianceDecision } from '../../services/compliance/compliance-schemas.js';
import { getDecision } from '../../services/compliance/get-decision.js';
import { withServices } from '../context.js';
import { CliExit, type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

async function readAll(file: string | undefined): Promise<string> {
  if (file) return readFile(file, 'utf8');
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return text;
}

function parseJson(text: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = `not JSON: ${(e as Error).message}`;
    throw new AppError(ErrorCode.ValidationFailed, line === undefined ? `invalid situation: ${message}` : `line ${line}: ${message}`, {
      ...(line === undefined ? {} : { line }),
      issues: [{ path: '(root)', message }],
    });
  }
}

function decisionText(d: Decision): string {
  const head = d.decision === 'defer' ? `defer until ${d.notBefore}` : d.decision;
  const reasons = d.reasons.map((r) => `  ${r.effect.padEnd(5)} ${r.rule} ${r.code}: ${r.detail}`);
  return [head, ...reasons, `  zones: ${d.zones.join(', ') || '-'}; states: ${d.states.join(', ') || '-'}`].join('\n');
}

/** Decides a JSON Lines stream in order; a bad line answers with its own error line and the rest go on. */
async function checkBatch(file: string | undefined): Promise<boolean> {
  const input = file ? createReadStream(file) : process.stdin;
  let line = 0;
  let allGood = true;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim().length === 0) continue;
    let out: unknown;
    try {
      out = checkSituation(parseJson(text, line));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      allGood = false;
      const issues = (e.details as { issues?: unknown } | undefined)?.issues ?? [];
      out = { error: { code: e.code, message: e.message.startsWith('line ') ? e.message : `line ${line}: ${e.message}`, details: { line, issues } } };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return allGood;
}

function explainText(d: ComplianceDecision): string {
  const inputs = Object.entries(d.inputs)
    .map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') || '-' : v === null ? '-' : String(v)}`)
    .join('\n');
  return [
    `decision ${d.id}: ${d.decision}${d.notBefore ? ` (not before ${d.notBefore})` : ''}`,
    `  ${d.channel} ${d.purpose} to ${d.to} at ${d.decidedAt}; contact ${d.contactId ?? '-'}, touch ${d.touchId ?? '-'}`,
    'reasons:',
    ...(d.reasons.length === 0 ? ['  (none: every rule allowed)'] : d.reasons.map((r) => `  ${r.effect.padEnd(5)} ${r.rule} ${r.code}: ${r.detail}`)),
    'inputs:',
    inputs,
  ].join('\n');
}

export function registerCompliance(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const c = program.command('compliance').description('the compliance engine: check a situation, read a reply, explain a recorded decision');
  c.command('check [file]')
    .description('decide one JSON situation from FILE or stdin; --batch: JSON Lines in, one decision (or error) per line out')
    .option('--batch', 'JSON Lines: one situation per line; exit 2 if any line was bad')
    .action((file: string | undefined, opts: { batch?: boolean }) =>
      run(async (o) => {
        if (opts.batch) {
          if (!(await checkBatch(file))) throw new CliExit(2);
          return;
        }
        const decision = checkSituation(parseJson(await readAll(file)));
        writeResult(o, decision, () => decisionText(decision));
      }),
    );
  c.command('optout <text>')
    .description('is this reply an opt-out, a HELP request or an opt-in (START)?')
    .action((text: string) =>
      run(async (o) => {
        const d = detectKeywords(text);
        writeResult(o, d, () =>
          [`optOut: ${d.optOut}`, `help: ${d.help}`, `optIn: ${d.optIn}`, `matched: ${d.matched ?? '-'}`, ...(d.lookAlike ? [`lookAlike: ${d.lookAlike} (ask a person)`] : []), ...(d.wrongNumber ? ['wrongNumber: true'] : []), ...(d.legalThreat ? ['legalThreat: true'] : [])].join('\n'),
        );
      }),
    );
  c.command('explain <id>')
    .description('why a recorded decision was made: by decision id or touch id')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((id: string, opts: { location?: string }) =>
      run((o) =>
        withServices(async (services) => {
          const locationId = await resolveLocationId(services, opts.location);
          const d = await getDecision(services, { locationId, id });
          writeResult(o, d, () => explainText(d));
        }),
      ),
    );
}
