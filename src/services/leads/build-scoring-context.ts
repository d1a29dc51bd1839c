import { join } from 'node:path';
import type { ScoringProfile } from '../../domain/qualify/score-profile.js';
import type { LeadProperty } from '../../domain/leads/types.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { LoadedMarket } from '../markets/ensure-markets.js';
import type { ScoringContext, ScoringMarket } from './lead-input.js';
import { loadScoringProfile } from './load-scoring-profile.js';

export const DEFAULT_SCORING_PROFILE = 'wholesale-fl-v1';

export interface BuildScoringContextOptions {
  markets: readonly LoadedMarket[];
  configDir: string;
  /** Every property goes to this market (`--market`); otherwise matched by situs county, then city. */
  forced?: LoadedMarket;
}

/**
 * Resolves each property's market (forced, else situs county, else situs city from the market's YAML)
 * and the scoring profile and tier thresholds that go with it. Profiles are loaded once.
 */
export async function buildScoringContext(options: BuildScoringContextOptions): Promise<ScoringContext> {
  const profiles = new Map<string, ScoringProfile>();
  const profile = async (name: string): Promise<ScoringProfile> => {
    let p = profiles.get(name);
    if (!p) {
      const r = await loadScoringProfile({ profile: name, dir: join(options.configDir, 'scoring') });
      if (!r.ok) throw new AppError(ErrorCode.ValidationFailed, r.error.message, r.error.details);
      profiles.set(name, (p = r.value));
    }
    return p;
  };
  const defaultProfile = await profile(DEFAULT_SCORING_PROFILE);
  const scoring = new Map<string, ScoringMarket>();
  for (const m of options.markets) {
    if (!m.config) continue;
    const tiers = m.market.tierThresholds as ScoringMarket['tiers'];
    scoring.set(m.market.id, { id: m.market.id, state: m.market.state, tiers, profile: await profile(m.config.scoring_profile) });
  }
  const byCounty = new Map<string, ScoringMarket>();
  const byCity = new Map<string, ScoringMarket>();
  for (const m of options.markets) {
    const s = scoring.get(m.market.id);
    if (!s) continue;
    if (m.market.county) {
      const county = m.market.county.toLowerCase();
      if (!byCounty.has(county)) byCounty.set(county, s);
    }
    for (const city of m.market.cities) if (!byCity.has(city.toUpperCase())) byCity.set(city.toUpperCase(), s);
  }
  const forced = options.forced ? scoring.get(options.forced.market.id) : undefined;
  return {
    defaultProfile,
    marketOf(p: LeadProperty) {
      if (forced) return forced;
      const county = p.situs.county?.toLowerCase().replace(/\s+county$/, '').trim();
      return (county ? byCounty.get(county) : undefined) ?? (p.situs.city ? byCity.get(p.situs.city.toUpperCase()) : undefined);
    },
  };
}
