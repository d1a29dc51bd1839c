import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SdrConfigSchema, type SdrConfig } from '../../domain/sequence/sdr-config.js';
import { describeIssues } from '../../lib/errors.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { AppServices } from '../app-services.js';

export interface LoadSdrConfigOptions {
  /** Default `config/sdr.yaml` under the working directory. */
  file?: string;
}

/**
 * Reads and validates the outreach settings. A bad file is an error naming the file and the field
 * (`config/sdr.yaml: sequences.default.steps.2.day: must be later…`), so a typo never silently changes
 * how often owners are contacted.
 */
export async function loadSdrConfig(options: LoadSdrConfigOptions = {}): Promise<Result<SdrConfig, AppFailure>> {
  const file = options.file ?? 'config/sdr.yaml';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return failure('sdr_config_unreadable', `${file}: ${(e as Error).message}`, false, { file });
  }
  return parseSdrConfig(text, file);
}

/** Parses the YAML text; `file` only names the source in errors. */
export function parseSdrConfig(text: string, file = '(inline)'): Result<SdrConfig, AppFailure> {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    return failure('sdr_config_invalid', `${file}: not valid YAML: ${(e as Error).message}`, false, { file });
  }
  const parsed = SdrConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues);
    return failure('sdr_config_invalid', `${file}: ${issues[0]!.path}: ${issues[0]!.message}`, false, { file, issues });
  }
  return ok(parsed.data);
}

/** config/sdr.yaml of this install (CURB_CONFIG_DIR), validated; a bad file throws with its field named. */
export async function sdrConfigOf(services: Pick<AppServices, 'config'>): Promise<SdrConfig> {
  const r = await loadSdrConfig({ file: join(services.config.configDir, 'sdr.yaml') });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
