/**
 * `curb classify "<text>"` and `curb classify --batch` (JSON Lines `{"text": …}` on stdin → one result per
 * line on stdout, in order, streamed). The same reading the inbound pipeline does: the opt-out/HELP/START
 * detector first, then intent, sentiment and objection. No database, no model.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { classifyReply } from '../../domain/replies/classify-reply.js';
import { detectKeywords } from '../../domain/replies/opt-out.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { OutputOptions } from '../output.js';

export interface ClassifyResult {
  intent: string;
  confidence: number;
  sentiment: number;
  objection: string | null;
  optOut: boolean;
  help: boolean;
  optIn: boolean;
}

export function classifyText(text: string): ClassifyResult {
  const k = detectKeywords(text);
  const c = classifyReply(text, { keywords: { optOut: k.optOut, help: k.help, optIn: k.optIn } });
  return { intent: c.intent, confidence: c.confidence, sentiment: c.sentiment, objection: c.objection, optOut: k.optOut, help: k.help, optIn: k.optIn };
}

/**
 * Streams JSON Lines through the classifier. A bad line answers `{"error": …, "line": n}` in its place, so
 * the output stays aligned with the input and the good lines are not lost. Resolves with the counts.
 */
export async function classifyStream(input: Readable, output: Writable): Promise<{ lines: number; errors: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let buffer: string[] = [];
  let lines = 0;
  let errors = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = `${buffer.join('\n')}\n`;
    buffer = [];
    if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  };
  for await (const raw of rl) {
    lines++;
    const line = raw.trim();
    let out: string;
    if (line === '') {
      out = JSON.stringify({ error: 'empty line', line: lines });
      errors++;
    } else {
      try {
        const v = JSON.parse(line) as unknown;
        const text = typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string' ? (v as { text: string }).text : undefined;
        if (text === undefined) throw new Error('expected {"text": "…"}');
        out = JSON.stringify(classifyText(text));
      } catch (e) {
        out = JSON.stringify({ error: (e as Error).message, line: lines });
        errors++;
      }
    }
    buffer.push(out);
    if (buffer.length >= 512) await flush();
  }
  await flush();
  return { lines, errors };
}

export function registerClassify(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  program
    .command('classify [text]')
    .description('read a reply: intent, confidence, sentiment, objection, opt-out/HELP/START (--batch: JSON Lines {"text"} on stdin)')
    .option('--batch', 'read JSON Lines {"text": …} from stdin; write one result per line, in order')
    .action((text: string | undefined, opts: { batch?: boolean }) =>
      run(async () => {
        if (opts.batch) {
          const r = await classifyStream(process.stdin, process.stdout);
          if (r.errors > 0) process.stderr.write(`curb classify: ${r.errors} of ${r.lines} lines could not be read (see their {"error"} lines)\n`);
          return;
        }
        if (text === undefined || text.trim() === '') throw new AppError(ErrorCode.ValidationFailed, 'text: give the reply to classify, or --batch to read JSON Lines from stdin');
        process.stdout.write(`${JSON.stringify(classifyText(text))}\n`);
      }),
    );
}
