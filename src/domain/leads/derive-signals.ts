import type { SignalEvidence, SignalObservation } from '../qualify/score-property.js';
import { normalizeAddress } from './normalize-address.js';
import { normalizeState } from './normalize-state.js';
import { normalizeZip } from './normalize-zip.js';
import type { LeadProperty, LeadSignalFields } from './types.js';

export interface DeriveSignalsOptions {
  property: LeadProperty;
  /** Flags the list stated; derived facts never override a stated `true`. */
  signals?: LeadSignalFields;
  asOf: Date;
  /** The market's state, for out-of-state tests when the situs state is blank. Default `FL`. */
  marketState?: string;
}

const ESTATE = /\b(EST|ESTATE|ESTATE OF|HEIRS?|DECD|DECEASED|DEC'D)\b/;
const COMPANY = /\b(LLC|L L C|INC|CORP|CORPORATION|LTD|LP|LLP|CO|COMPANY|HOLDINGS|REALTY|PROPERTIES|INVESTMENTS?|BANK|TRUST CO)\b/;
const GOVERNMENT = /\b(COUNTY|CITY OF|STATE OF|TOWN OF|HOUSING AUTH(ORITY)?|SCHOOL BOARD|BOARD OF|UNITED STATES|USA|DISTRICT)\b/;
const ASSOCIATION = /\b(ASSOCIATION|ASSN|HOA|HOMEOWNERS|CONDOMINIUM ASSN|PROPERTY OWNERS)\b/;
const ACTIVE_LISTING = /^(active|pending|coming soon|under contract|contingent|a|p)$/i;
const DEAD_LISTING = /^(expired|withdrawn|cancel+ed|off market|x|w)$/i;
const YEAR_MS = 365.2425 * 86_400_000;

/**
 * Turns a property's raw fields into scoring signals, each with its evidence: stated vendor flags,
 * plus what the fields imply — absentee (mailing ≠ situs, unless homesteaded), out of state, tenure
 * from the last sale, an equity proxy, estate wording in the owner name, exclusions for government
 * and association owners, and penalties for a recent sale or an active listing.
 *
 * @example deriveSignals({ property: { ownerName: 'ROE JOHN EST', situs: {...}, mailing: {...}, source: 'nal' }, asOf })
 * // [{ signal: 'probate_or_estate', evidence: { field: 'owner_name', value: 'ROE JOHN EST' } }, ...]
 */
export function deriveSignals(options: DeriveSignalsOptions): SignalObservation[] {
  const { property: p, asOf } = options;
  const f = options.signals ?? {};
  const asOfMs = asOf.getTime();
  const source = p.source;
  const out: SignalObservation[] = [];
  const add = (signal: string, field: string, value?: unknown, extra?: Partial<SignalObservation>): void => {
    const evidence: SignalEvidence = { source, field };
    if (value !== undefined) evidence.value = String(value);
    out.push({ signal, evidence, ...extra });
  };
  const owner = p.ownerName?.toUpperCase() ?? '';

  // foreclosure
  if (f.foreclosureSaleDate) {
    add('foreclosure_sale_scheduled', 'foreclosure_sale_date', f.foreclosureSaleDate, { date: new Date(f.foreclosureSaleDate) });
  }
  if (f.lisPendens || f.foreclosure || f.lisPendensDate) {
    const field = f.lisPendens || f.lisPendensDate ? 'lis_pendens' : 'foreclosure';
    add('lis_pendens', field, f.lisPendensDate ?? true, f.lisPendensDate ? { date: new Date(f.lisPendensDate) } : undefined);
  }

  // tax
  if (f.taxDeed) add('tax_deed_application_or_sale', 'tax_deed', true);
  if (f.taxDelinquentYears !== undefined && f.taxDelinquentYears >= 2) add('tax_delinquent_2y_plus', 'tax_delinquent_years', f.taxDelinquentYears);
  else if (f.taxDelinquent || (f.taxDelinquentYears !== undefined && f.taxDelinquentYears >= 1)) add('tax_delinquent_1y', 'tax_delinquent', true);

  // estate: stated, or estate wording in an owner name that is not a company's ("ABC REAL ESTATE LLC").
  if (f.probate) add('probate_or_estate', 'probate', true, f.probateDate ? { date: new Date(f.probateDate) } : undefined);
  else if (owner && ESTATE.test(owner) && !COMPANY.test(owner)) add('probate_or_estate', 'owner_name', p.ownerName);
  const saleMs = p.lastSaleDate ? Date.parse(p.lastSaleDate) : Number.NaN;
  const saleAgeYears = Number.isNaN(saleMs) ? undefined : (asOfMs - saleMs) / YEAR_MS;
  if (p.lastSalePrice !== undefined && p.lastSalePrice <= 100 && saleAgeYears !== undefined && saleAgeYears >= 0) {
    add('inherited_nominal_transfer', 'last_sale_price', p.lastSalePrice, { date: new Date(saleMs) });
  }

  // condition
  if (f.codeViolationsOpen !== undefined && f.codeViolationsOpen > 0) add('code_violation_open', 'code_violations_open', f.codeViolationsOpen, { count: f.codeViolationsOpen });
  else if (f.codeViolation) add('code_violation_open', 'code_violation', true);
  if (f.codeLien) add('code_lien_recorded', 'code_lien', true);
  if (f.vacant) add('vacant_flag', 'vacant', true);

  // owner
  const situsState = p.situs.state ? normalizeState(p.situs.state) : (options.marketState ?? 'FL');
  const mailState = p.mailing.state ? normalizeState(p.mailing.state) : undefined;
  if (f.foreignOwner) add('foreign_owner', 'foreign_owner', true);
  if (f.outOfState) add('out_of_state', 'out_of_state', true);
  else if (mailState && /^[A-Z]{2}$/.test(mailState) && mailState !== situsState) add('out_of_state', 'mailing_state', mailState);
  if (f.absentee) add('absentee', 'absentee', true);
  else if (p.ownerOccupied === false) add('absentee', 'owner_occupied', false);
  else if (p.homestead !== true && p.ownerOccupied !== true && differs(p)) add('absentee', 'mailing_address', p.mailing.line1);
  if (f.tiredLandlord) add('tired_landlord', 'tired_landlord', true);

  // equity: stated free-and-clear, vendor equity %, or value against the last (non-nominal) price.
  if (f.freeAndClear) add('free_and_clear', 'free_and_clear', true);
  else if (p.equityPercent !== undefined && p.equityPercent >= 90) add('equity_proxy_3x', 'equity_percent', p.equityPercent);
  else if (p.equityPercent !== undefined && p.equityPercent >= 50) add('equity_proxy_2x', 'equity_percent', p.equityPercent);
  else if ((p.estimatedValue ?? p.justValue) !== undefined && p.lastSalePrice !== undefined && p.lastSalePrice > 100) {
    // A list's estimate, else the county roll's just value (research: JV ≥ 2× the qualified last price).
    const [value, field] = p.estimatedValue !== undefined ? [p.estimatedValue, 'estimated_value'] : [p.justValue!, 'just_value'];
    const ratio = value / p.lastSalePrice;
    if (ratio >= 3) add('equity_proxy_3x', field, ratio.toFixed(2));
    else if (ratio >= 2) add('equity_proxy_2x', field, ratio.toFixed(2));
  }

  // tenure: stated years, else from the last sale; an unknown sale date is unknown, not "long ago".
  const years = p.yearsOwned ?? saleAgeYears;
  const yearsField = p.yearsOwned !== undefined ? 'years_owned' : 'last_sale_date';
  if (years !== undefined && years >= 25) add('tenure_25y', yearsField, Math.floor(years));
  else if (years !== undefined && years >= 15) add('tenure_15y', yearsField, Math.floor(years));

  // penalties
  if (saleAgeYears !== undefined && saleAgeYears >= 0 && saleAgeYears < 2 && (p.lastSalePrice === undefined || p.lastSalePrice > 100)) {
    add('recent_qualified_sale_24m', 'last_sale_date', p.lastSaleDate);
  }
  if (p.mlsStatus && ACTIVE_LISTING.test(p.mlsStatus.trim())) add('active_mls_listing', 'mls_status', p.mlsStatus);
  if (p.mlsStatus && DEAD_LISTING.test(p.mlsStatus.trim())) {
    const when = p.expirationDate ?? p.listDate;
    add('expired_listing', 'mls_status', p.mlsStatus, when ? { date: new Date(when) } : undefined);
  }

  // exclusions
  if (owner && GOVERNMENT.test(owner)) add('government_use', 'owner_name', p.ownerName);
  if (owner && ASSOCIATION.test(owner)) add('hoa_or_association', 'owner_name', p.ownerName);
  return out;
}

function differs(p: LeadProperty): boolean {
  if (!p.mailing.line1 || !p.situs.line1) return false;
  if (normalizeAddress(p.mailing.line1) !== normalizeAddress(p.situs.line1)) return true;
  return Boolean(p.mailing.zip && p.situs.zip && normalizeZip(p.mailing.zip) !== normalizeZip(p.situs.zip));
}
