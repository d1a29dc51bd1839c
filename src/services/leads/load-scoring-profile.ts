import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeIssues } from '../../lib/errors.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { ScoringProfileSchema, type ScoringProfile } from '../../domain/qualify/score-profile.js';

export interface LoadScoringProfileOptions {
  /** Profile name (`wholesale-fl-v1`) looked up in `dir`, or a path to a YAML file. */
  profile: string;
  /** Default `config/scoring` under the working directory. */
  dir?: string;
}

/**
 * Reads and validates a scoring profile. A bad file is an error naming the file and the field, so a
 * typo in a weight never silently scores every lead differently.
 */
export async function loadScoringProfile(options: LoadScoringProfileOptions): Promise<Result<ScoringProfile, AppFailure>> {
  const file = /\.ya?ml$/.test(options.profile) ? options.profile : join(options.dir ?? 'config/scoring', `${options.profile}.yaml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return failure('scoring_profile_unreadable', `${file}: ${(e as Error).message}`, false, { file });
  }
  return parseScoringProfile(text, file);
}

/** Parses profile YAML text; `file` only names the source in errors. */
export function parseScoringProfile(text: string, file = '(inline)'): Result<ScoringProfile, AppFailure> {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    return failure('scoring_profile_invalid', `${file}: not valid YAML: ${(e as Error).message}`, false, { file });
  }
  const parsed = ScoringProfileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues);
    return failure('scoring_profile_invalid', `${file}: ${issues[0]!.path}: ${issues[0]!.message}`, false, { file, issues });
  }
  return ok(parsed.data);
}
