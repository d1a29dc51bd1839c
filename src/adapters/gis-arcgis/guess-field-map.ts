import type { ArcgisField } from './interface.js';

/*
 * Field-name heuristics for county parcel layers, from the layers catalogued in florida-data.md §2.5–2.6
 * (OCPA, SCPA, Osceola, Lake, Volusia, FGIO/NAL dBASE names). Names are compared upper-cased without
 * punctuation, so PARCEL_ID, ParcelId and PARCELID are one key. Exact names score highest, aliases
 * next, loose patterns last.
 */
export type FieldRole =
  | 'parcel_id'
  | 'owner_name_1'
  | 'owner_name_2'
  | 'situs_line_1'
  | 'situs_city'
  | 'situs_zip'
  | 'mail_line_1'
  | 'mail_line_2'
  | 'mail_city'
  | 'mail_state'
  | 'mail_zip'
  | 'just_value'
  | 'land_value'
  | 'building_value'
  | 'use_code'
  | 'sale_date'
  | 'sale_price';

interface RoleRule {
  exact: string[];
  pattern?: RegExp;
  /** Names the loose pattern must not claim (OWNER_ADDR is not an owner name, LANDJUST is not the total). */
  exclude?: RegExp;
}

const RULES: Record<FieldRole, RoleRule> = {
  parcel_id: { exact: ['PARCEL', 'PARCELID', 'PARCELNUMBER', 'PARCELNO', 'PID', 'PARID', 'STRAP', 'APN', 'PIN', 'FOLIO', 'ACCOUNT'], pattern: /PARCEL|^PIN|STRAP|FOLIO/ },
  owner_name_1: { exact: ['NAME1', 'OWNER', 'OWNER1', 'OWNERNAME', 'OWNNAME', 'OWNERNAME1', 'OWNER1NAME', 'OWNNAME1'], pattern: /^OWN.*NAM|^OWNER/, exclude: /ADD|CITY|STATE|ZIP|TYPE|CODE|OCC|PCT|DATE/ },
  owner_name_2: { exact: ['NAME2', 'OWNER2', 'OWNERNAME2', 'OWNNAME2', 'OWNER2NAME'] },
  situs_line_1: { exact: ['SITUS', 'SITUSADDR', 'SITUSADDRESS', 'PHYADDR1', 'ADDRFULL', 'PROPERTYADDRESS', 'SITEADDR', 'SITEADDRESS', 'LOCADDR', 'FULLADDR'], pattern: /SITUS|PHYADDR|SITEADD|PROP.*ADD/ },
  situs_city: { exact: ['SITUSCITY', 'PHYCITY', 'LOCCITY', 'CITYNAME', 'PROPERTYCITY', 'SITECITY'], pattern: /SITUS.*CITY|PHY.*CITY/ },
  situs_zip: { exact: ['SITUSZIP', 'PHYZIPCD', 'PHYZIP', 'LOCZIP', 'ZIP1', 'PROPERTYZIP', 'SITEZIP'], pattern: /SITUS.*ZIP|PHY.*ZIP/ },
  mail_line_1: { exact: ['ADD1', 'MAILADDR1', 'MAILADDR', 'MAILADD1', 'OWNADDR1', 'OWNERADDRESS', 'OWNERADDR', 'MAILINGADDRESS', 'BILLINGADD', 'MAILINGADDR1'], pattern: /^MAIL.*(ADD|LINE)|^OWN.*ADD/ },
  mail_line_2: { exact: ['ADD2', 'MAILADDR2', 'MAILADD2', 'OWNADDR2', 'ADDRESS2', 'MAILINGADDR2'] },
  mail_city: { exact: ['MAILCITY', 'OWNCITY', 'OWNERCITY', 'MAILINGCITY', 'CITY'], pattern: /^MAIL.*CITY|^OWN.*CITY/ },
  mail_state: { exact: ['MAILSTATE', 'OWNSTATE', 'OWNERSTATE', 'MAILINGSTATE', 'STATE'], pattern: /^MAIL.*ST|^OWN.*STATE/ },
  mail_zip: { exact: ['MAILZIP', 'OWNZIPCD', 'OWNZIP', 'OWNERZIP', 'MAILINGZIP', 'ZIP', 'ZIPCODE'], pattern: /^MAIL.*ZIP|^OWN.*ZIP/ },
  just_value: { exact: ['JV', 'JUST', 'JUSTVALUE', 'TOTALMKT', 'TOTALJUST', 'MARKETVALUE', 'TOTALVALUE', 'JUSTVAL'], pattern: /JUST|MKT|MARKET/, exclude: /LAND|BLDG|BUILD|IMPR|XFOB|NONHMS|HMS/ },
  land_value: { exact: ['LNDVAL', 'LANDJUST', 'LANDMKT', 'LANDVALUE', 'CURRLAND', 'LANDVAL'], pattern: /LAND.*(VAL|MKT|JUST)/ },
  building_value: { exact: ['BLDGMKT', 'IMPRJUST', 'BUILDINGVALUE', 'CURRBLDG', 'BLDGVAL', 'IMPVAL'], pattern: /BLDG|BUILDING|IMPR/ },
  use_code: { exact: ['DORUC', 'DORCODE', 'USECODE', 'PROPERTYCLASSCODE', 'CLASS', 'LANDUSE', 'DORUSECODE'], pattern: /USE.*CODE|DOR.*C/ },
  sale_date: { exact: ['SALEDATE', 'SALEDT', 'LASTSALEDATE', 'SALEDATE1'], pattern: /SALE.*(DATE|DT)/ },
  sale_price: { exact: ['SALEPRC1', 'SALEPRICE', 'SALEAMT', 'LASTSALEPRICE', 'SALEPRICE1'], pattern: /SALE.*(PRC|PRICE|AMT)/ },
};

export interface GuessedField {
  field: string;
  confidence: number;
}

export type GuessedFieldMap = Partial<Record<FieldRole, GuessedField>>;

const norm = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

function scoreField(role: FieldRole, field: ArcgisField): number {
  const rule = RULES[role];
  const name = norm(field.name);
  const alias = field.alias ? norm(field.alias) : '';
  const rank = rule.exact.indexOf(name);
  if (rank >= 0) return 1 - rank * 0.01;
  if (alias && rule.exact.includes(alias)) return 0.8;
  if (rule.pattern) {
    if (rule.exclude?.test(name)) return 0;
    if (rule.pattern.test(name)) return 0.55;
    if (alias && rule.pattern.test(alias)) return 0.5;
  }
  return 0;
}

// Roles claimed first win contested fields: the parcel id before anything, mailing before situs for CITY/ZIP.
const ROLE_ORDER: FieldRole[] = [
  'parcel_id', 'owner_name_1', 'owner_name_2', 'mail_line_1', 'mail_line_2', 'situs_line_1', 'situs_city', 'situs_zip',
  'mail_city', 'mail_state', 'mail_zip', 'just_value', 'land_value', 'building_value', 'use_code', 'sale_date', 'sale_price',
];

/** Guesses which field plays each canonical role, each with a confidence in [0, 1]. */
export function guessFieldMap(fields: ReadonlyArray<ArcgisField>): GuessedFieldMap {
  const taken = new Set<string>();
  const out: GuessedFieldMap = {};
  const usable = fields.filter((f) => !['esriFieldTypeOID', 'esriFieldTypeGeometry', 'esriFieldTypeBlob', 'esriFieldTypeRaster', 'esriFieldTypeGlobalID'].includes(f.type));
  for (const role of ROLE_ORDER) {
    let best: GuessedField | undefined;
    for (const f of usable) {
      if (taken.has(f.name)) continue;
      let s = scoreField(role, f);
      // Bare CITY/STATE/ZIP beside a mailing line are the mailing address (OCPA ADD1..4, CITY, STATE, ZIP).
      if (s > 0 && ['CITY', 'STATE', 'ZIP', 'ZIPCODE'].includes(norm(f.name)) && !out.mail_line_1) s *= 0.5;
      if (s > (best?.confidence ?? 0)) best = { field: f.name, confidence: Math.round(s * 100) / 100 };
    }
    if (best) {
      out[role] = best;
      taken.add(best.field);
    }
  }
  return out;
}

const WEIGHTS: Partial<Record<FieldRole, number>> = {
  parcel_id: 0.35,
  owner_name_1: 0.25,
  mail_line_1: 0.15,
  mail_city: 0.025,
  mail_zip: 0.025,
  situs_line_1: 0.1,
  just_value: 0.1,
};

/** How much a layer looks like a parcel layer with owner mailing data, in [0, 1]. */
export function parcelLayerScore(guess: GuessedFieldMap, layer: { name: string; geometryType?: string | null }): number {
  let s = 0;
  for (const [role, w] of Object.entries(WEIGHTS) as Array<[FieldRole, number]>) s += w * (guess[role]?.confidence ?? 0);
  if (!guess.parcel_id) s *= 0.3; // no parcel id: useless to Curb whatever else it has
  if (/PARCEL|CADASTR|TAX.?ROLL|PROPERT/i.test(layer.name)) s += 0.05;
  if (/SALE|PERMIT|ZONING|FLOOD|LABEL|ANNO/i.test(layer.name)) s -= 0.1;
  return Math.max(0, Math.min(1, Math.round(s * 100) / 100));
}
