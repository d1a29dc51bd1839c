import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeIssues } from '../../lib/errors.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { MarketConfigSchema, type MarketConfig } from '../../domain/markets/market-config.js';

export interface LoadMarketsOptions {
  /** Default `config/markets` under the working directory. */
  dir?: string;
}

/**
 * Reads every `*.yaml` / `*.yml` in the markets directory, in name order. The first bad file stops
 * the load with an error naming the file and the field: a half-loaded registry would silently drop a
 * county from every campaign.
 */
export async function loadMarkets(options: LoadMarketsOptions = {}): Promise<Result<MarketConfig[], AppFailure>> {
  const dir = options.dir ?? 'config/markets';
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (e) {
    return failure('markets_unreadable', `${dir}: ${(e as Error).message}`, false, { dir });
  }
  const markets: MarketConfig[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = parse(await readFile(file, 'utf8'));
    } catch (e) {
      return failure('market_invalid', `${file}: not valid YAML: ${(e as Error).message}`, false, { file });
    }
    const parsed = MarketConfigSchema.safeParse(data);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      return failure('market_invalid', `${file}: ${issues[0]!.path}: ${issues[0]!.message}`, false, { file, issues });
    }
    const clash = ids.get(parsed.data.id);
    if (clash) return failure('market_invalid', `${file}: id: "${parsed.data.id}" is already used by ${clash}`, false, { file });
    ids.set(parsed.data.id, file);
    markets.push(parsed.data);
  }
  return ok(markets);
}
