/**
 * How every `curb` command speaks: with `--json`, exactly one JSON document on stdout (errors as
 * `{"error": {...}}`); without it, readable text. Exit codes: 0 ok, 2 bad input, 1 failure.
 */
import { ConfigError } from '../config/env.js';
import { AppError, ErrorCode, exitCodeOf } from '../lib/errors.js';

export interface OutputOptions {
  json: boolean;
}

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function writeResult(opts: OutputOptions, value: unknown, text: () => string): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(value)}\n`);
  else process.stdout.write(`${text()}\n`);
}

/** Turns any thrown value into the error document and the exit code. */
export function reportError(opts: OutputOptions, e: unknown): number {
  let code: ErrorCode;
  let message: string;
  let details: unknown;
  let exit: number;
  if (e instanceof ConfigError) {
    code = ErrorCode.ValidationFailed;
    message = e.message;
    details = { variables: e.problems };
    exit = 2;
  } else if (e instanceof AppError) {
    code = e.code;
    message = e.message;
    details = e.details;
    exit = exitCodeOf(e.code);
  } else if (e instanceof CliExit) {
    return e.code;
  } else {
    code = ErrorCode.Internal;
    message = e instanceof Error ? e.message : String(e);
    exit = 1;
  }
  if (opts.json) process.stdout.write(`${JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } })}\n`);
  else process.stderr.write(`curb: ${message}\n`);
  return exit;
}
