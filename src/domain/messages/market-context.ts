import type { Channel } from './template.js';

/**
 * Local context for `{{market_context}}`: where we buy, said the way a local would. Geography only, on
 * purpose: market statistics ("prices are up 8%") go stale and would be claims the guard cannot check.
 * Accounts replace these in their market settings.
 */
export interface MarketContext {
  county: string;
  state: string;
  /** A few words that fit in an SMS ("here in Orange County"). */
  sms: string;
  /** One or two sentences for an email. */
  email: string;
}

export const DEFAULT_MARKET_CONTEXTS: Readonly<Record<string, MarketContext>> = {
  orange: {
    county: 'Orange',
    state: 'FL',
    sms: 'here in Orange County',
    email: "We're based in Central Florida and buy houses all over Orange County, from Apopka and Ocoee to Orlando and Winter Garden.",
  },
  seminole: {
    county: 'Seminole',
    state: 'FL',
    sms: 'here in Seminole County',
    email: "We're based in Central Florida and buy houses throughout Seminole County, including Sanford, Oviedo, Longwood and Altamonte Springs.",
  },
  osceola: {
    county: 'Osceola',
    state: 'FL',
    sms: 'here in Osceola County',
    email: "We're based in Central Florida and buy houses throughout Osceola County, including Kissimmee, St. Cloud and Poinciana.",
  },
  lake: {
    county: 'Lake',
    state: 'FL',
    sms: 'here in Lake County',
    email: "We're based in Central Florida and buy houses throughout Lake County, including Clermont, Leesburg, Eustis and Mount Dora.",
  },
  volusia: {
    county: 'Volusia',
    state: 'FL',
    sms: 'here in Volusia County',
    email: "We're based in Central Florida and buy houses throughout Volusia County, from Daytona Beach and Ormond Beach to DeLand and Deltona.",
  },
};

export interface MarketContextForOptions {
  market: string | undefined;
  channel: Channel;
  contexts?: Readonly<Record<string, MarketContext>>;
}

/** The `{{market_context}}` text for a market and channel, or undefined for an unknown market. */
export function marketContextFor({ market, channel, contexts = DEFAULT_MARKET_CONTEXTS }: MarketContextForOptions): string | undefined {
  const m = market === undefined ? undefined : contexts[market.toLowerCase()];
  if (!m) return undefined;
  return channel === 'sms' ? m.sms : m.email;
}
