import { deriveSignals } from '../../domain/leads/derive-signals.js';
import { ownerKey } from '../../domain/leads/owner-key.js';
import { situsKey } from '../../domain/leads/situs-key.js';
import type { LeadProperty, LeadSignalFields, PostalAddress } from '../../domain/leads/types.js';
import { scoreProperty } from '../../domain/qualify/score-property.js';
import { PROPERTY_WRITE_COLUMNS, type PropertyRecord } from '../../db/sql/leads/property-columns.js';
import { newId } from '../../lib/ids.js';
import type { LeadInput, ScoringContext } from './lead-input.js';

/**
 * A lead as a `properties` record: built from an input, merged with a stored or repeated one, and scored.
 * Shared by `prepareLeadBatch` (the work that needs no database) and `storeLeadBatch`.
 */

/** LeadProperty facts without a column of their own; kept in `raw.facts` so a score can be recomputed. */
const FACT_KEYS = [
  'ownerFirstName', 'ownerLastName', 'owner2Name', 'propertyType', 'estimatedEquity', 'equityPercent', 'yearsOwned', 'ownerOccupied', 'mlsNumber',
  'mlsStatus', 'listPrice', 'listDate', 'expirationDate', 'daysOnMarket', 'listingAgent', 'agentPhone',
] as const satisfies ReadonlyArray<keyof LeadProperty>;

const amount = (n: number | undefined): number | null => (n === undefined ? null : Math.round(n * 100) / 100);
const withUnit = (a: PostalAddress): string | null => (a.line1 ? (a.unit ? `${a.line1} UNIT ${a.unit}` : a.line1) : null);

export function toRecord(input: LeadInput, scoring: ScoringContext): PropertyRecord {
  const p = input.property;
  const facts: Record<string, unknown> = {};
  for (const k of FACT_KEYS) if (p[k] !== undefined) facts[k] = p[k];
  if (p.situs.county) facts.situsCounty = p.situs.county;
  const signals: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.signals as Record<string, unknown>)) if (v !== undefined) signals[k] = v;
  const raw: Record<string, unknown> = {};
  if (Object.keys(facts).length > 0) raw.facts = facts;
  if (input.parcel?.record) raw.record = input.parcel.record;
  const market = scoring.marketOf(p);
  return {
    id: newId(),
    market_id: market?.id ?? null,
    parcel_id: p.parcelId ?? null,
    parcel_id_display: p.parcelIdDisplay ?? null,
    situs_address: withUnit(p.situs),
    situs_city: p.situs.city ?? null,
    situs_state: p.situs.state ?? null,
    situs_zip: p.situs.zip ?? null,
    situs_key: situsKey(p.situs),
    owner_name: p.ownerName ?? null,
    owner_key: null,
    mailing_address: withUnit(p.mailing),
    mailing_city: p.mailing.city ?? null,
    mailing_state: p.mailing.state ?? null,
    mailing_zip: p.mailing.zip ?? null,
    just_value: amount(input.parcel?.justValue),
    land_value: amount(input.parcel?.landValue),
    building_value: amount(input.parcel?.buildingValue),
    estimated_value: amount(p.estimatedValue),
    last_sale_price: amount(p.lastSalePrice),
    last_sale_date: p.lastSaleDate ?? null,
    homestead: p.homestead ?? null,
    use_code: input.parcel?.useCode ?? null,
    signals,
    source: p.source,
    source_ref: input.sourceRef ?? null,
    raw: Object.keys(raw).length > 0 ? raw : null,
  };
}

/** Newer values win where they are present; signals and facts are merged key by key. */
export function mergeRecords(old: PropertyRecord, next: PropertyRecord): PropertyRecord {
  const out: PropertyRecord = { ...old };
  for (const [name] of PROPERTY_WRITE_COLUMNS) {
    if (name === 'id' || name === 'signals' || name === 'raw') continue;
    const v = next[name];
    if (v !== null && v !== undefined) out[name] = v;
  }
  out.signals = { ...((old.signals as object | null) ?? {}), ...((next.signals as object | null) ?? {}) };
  const oldRaw = (old.raw as { facts?: object; record?: object } | null) ?? {};
  const newRaw = (next.raw as { facts?: object; record?: object } | null) ?? {};
  const facts = { ...(oldRaw.facts ?? {}), ...(newRaw.facts ?? {}) };
  const record = newRaw.record ?? oldRaw.record;
  const raw: Record<string, unknown> = { ...oldRaw };
  if (Object.keys(facts).length > 0) raw.facts = facts;
  if (record) raw.record = record;
  out.raw = Object.keys(raw).length > 0 ? raw : null;
  out.owner_key = ownerKey({ ownerName: (out.owner_name as string | null) ?? undefined, mailing: { line1: (out.mailing_address as string | null) ?? undefined, ...(out.mailing_zip ? { zip: String(out.mailing_zip) } : {}) } }) ?? null;
  return out;
}

/** What scoring adds to a record: the owner key, the market when none was set, the score, tier and why. */
export interface ScorePatch {
  owner_key: string | null;
  market_id: unknown;
  score: number;
  tier: string;
  score_contributions: unknown;
}

export interface ScoreOptions {
  scoring: ScoringContext;
  now: Date;
}

/** Derives the signals of the merged facts and scores them with the market's profile and thresholds. */
export function scoreRecord(record: PropertyRecord, options: ScoreOptions): void {
  applyScore(record, scoreOf(record, options));
}

export function applyScore(record: PropertyRecord, patch: ScorePatch): void {
  record.owner_key = patch.owner_key;
  record.market_id = patch.market_id;
  record.score = patch.score;
  record.tier = patch.tier;
  record.score_contributions = patch.score_contributions;
}

/** `scoreRecord` without touching the record: a batch scores every row as new before it knows which are stored. */
export function scoreOf(record: PropertyRecord, options: ScoreOptions): ScorePatch {
  const owner =
    record.owner_key === undefined || record.owner_key === null
      ? (ownerKey({ ownerName: (record.owner_name as string | null) ?? undefined, mailing: { line1: (record.mailing_address as string | null) ?? undefined, ...(record.mailing_zip ? { zip: String(record.mailing_zip) } : {}) } }) ?? null)
      : (record.owner_key as string);
  const facts = ((record.raw as { facts?: Record<string, unknown> } | null)?.facts ?? {}) as Partial<LeadProperty> & { situsCounty?: string };
  const { situsCounty, ...rest } = facts;
  const property: LeadProperty = { ...rest, situs: {}, mailing: {}, source: String(record.source ?? 'list_import') };
  // Field by field rather than through helpers: this runs for every new or changed row of an import.
  const parcelId = record.parcel_id as string | null | undefined;
  if (parcelId) property.parcelId = parcelId;
  const ownerName = record.owner_name as string | null | undefined;
  if (ownerName) property.ownerName = ownerName;
  setIf(property.situs, 'line1', record.situs_address);
  setIf(property.situs, 'city', record.situs_city);
  setIf(property.situs, 'state', record.situs_state);
  setIf(property.situs, 'zip', record.situs_zip);
  setIf(property.situs, 'county', situsCounty);
  setIf(property.mailing, 'line1', record.mailing_address);
  setIf(property.mailing, 'city', record.mailing_city);
  setIf(property.mailing, 'state', record.mailing_state);
  setIf(property.mailing, 'zip', record.mailing_zip);
  if (record.estimated_value !== null && record.estimated_value !== undefined) property.estimatedValue = Number(record.estimated_value);
  if (record.just_value !== null && record.just_value !== undefined) property.justValue = Number(record.just_value);
  if (record.last_sale_price !== null && record.last_sale_price !== undefined) property.lastSalePrice = Number(record.last_sale_price);
  const lastSaleDate = record.last_sale_date as string | null | undefined;
  if (lastSaleDate) property.lastSaleDate = lastSaleDate;
  if (record.homestead !== null && record.homestead !== undefined) property.homestead = Boolean(record.homestead);
  const market = options.scoring.marketOf(property);
  const observations = deriveSignals({ property, signals: (record.signals ?? {}) as LeadSignalFields, asOf: options.now, ...(market ? { marketState: market.state } : {}) });
  const result = scoreProperty({ signals: observations, profile: market?.profile ?? options.scoring.defaultProfile, asOf: options.now, ...(market ? { tiers: market.tiers } : {}) });
  return { owner_key: owner, market_id: market && !record.market_id ? market.id : (record.market_id ?? null), score: result.score, tier: result.tier, score_contributions: result.contributions };
}

/** Sets `key` when the value is present (not null or undefined): a compact address without a filter pass. */
function setIf(target: PostalAddress, key: keyof PostalAddress, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value as string;
}
