import type { MxStatus } from '../../adapters/enrichment/interface.js';
import type { LeadContact, LeadProperty, LeadSignalFields } from '../../domain/leads/types.js';
import type { ScoringProfile } from '../../domain/qualify/score-profile.js';
import type { TierThresholds } from '../../domain/qualify/tiers.js';

/** One property to store, from a list row or a parcel layer record, with its contacts. */
export interface LeadInput {
  /** Data row (lists) or record number (syncs), for messages. */
  row: number;
  property: LeadProperty;
  signals: LeadSignalFields;
  contacts: LeadContact[];
  /** Facts a county parcel layer has and a list does not. */
  parcel?: { justValue?: number; landValue?: number; buildingValue?: number; useCode?: string; record?: Record<string, unknown> };
  sourceRef?: string;
}

/** The market a property belongs to, with what scoring needs from it. */
export interface ScoringMarket {
  id: string;
  state: string;
  tiers: TierThresholds;
  profile: ScoringProfile;
}

export interface ScoringContext {
  /** The property's market, when one matches (forced by `--market`, or by situs county / city). */
  marketOf(property: LeadProperty): ScoringMarket | undefined;
  /** Used when no market matches. */
  defaultProfile: ScoringProfile;
}

/** MX answers by email domain, when the check is on. */
export type MxStatuses = ReadonlyMap<string, MxStatus>;
