/**
 * Made-up Orange County, FL owners for the demo: situs addresses in the county's cities, owners who live
 * there or elsewhere in Florida or out of state, distress signals in believable proportions — and, for the
 * simulation, whether each owner gave written consent, whether the number is on the national list, and
 * how the owner will answer. Phone numbers are the fictional 555-01XX range; emails are at example.com.
 * Street names are common Central Florida ones with random house numbers: the addresses are invented.
 */
import type { Random } from './seeded-random.js';

/** How an owner answers the texts, in order, one message per outbound text they read. */
export type Persona = 'silent' | 'interested' | 'question_then_interested' | 'question' | 'not_interested' | 'opt_out' | 'wrong_number' | 'unsure';

export interface DemoOwner {
  /** 1-based, stable for a seed. */
  n: number;
  parcelId: string;
  ownerName: string;
  firstName: string;
  phones: string[];
  email: string | null;
  situs: { line1: string; city: string; zip: string };
  mailing: { line1: string; city: string; state: string; zip: string };
  signals: {
    taxDelinquent?: boolean;
    taxDelinquentYears?: number;
    lisPendens?: boolean;
    probate?: boolean;
    codeViolation?: boolean;
    vacant?: boolean;
    tiredLandlord?: boolean;
    freeAndClear?: boolean;
  };
  estimatedValue: number;
  lastSalePrice: number;
  lastSaleDate: string;
  homestead: boolean;
  /** Signed the web form's written consent to automated texts. */
  writtenConsent: boolean;
  /** The number is on the National Do Not Call Registry. */
  nationalDnc: boolean;
  persona: Persona;
}

const FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan',
  'Joseph', 'Jessica', 'Thomas', 'Karen', 'Carlos', 'Maria', 'Luis', 'Ana', 'Jose', 'Carmen', 'Anthony', 'Nancy', 'Kevin', 'Lisa', 'Brian', 'Sandra',
  'Darnell', 'Keisha', 'Andre', 'Tamika', 'Minh', 'Linh', 'Raj', 'Priya', 'Gary', 'Donna', 'Frank', 'Gloria', 'Harold', 'Dorothy', 'Walter', 'Evelyn',
];
const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson',
  'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis',
  'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Rivera',
  'Campbell', 'Mitchell', 'Carter', 'Patel', 'Okafor', 'Delgado', 'Pham',
];
const STREETS = [
  'Lake Underhill Rd', 'Curry Ford Rd', 'Pine Hills Rd', 'Silver Star Rd', 'Edgewater Dr', 'Kaley Ave', 'Conway Rd', 'Michigan St', 'Mercy Dr',
  'Oak Ridge Rd', 'Hiawassee Rd', 'Lake Mann Dr', 'Bumby Ave', 'Primrose Dr', 'Shine Ave', 'Rio Grande Ave', 'Hoffner Ave', 'Gatlin Ave', 'Palmetto St',
  'Magnolia Ave', 'Cypress Dr', 'Live Oak Blvd', 'Orange Blossom Trl', 'Citrus Grove Ln', 'Heron Cove Ct', 'Sandpiper Way', 'Mockingbird Ln', 'Tangelo Ave',
];
const CITIES: ReadonlyArray<{ city: string; zips: readonly string[]; weight: number }> = [
  { city: 'Orlando', zips: ['32805', '32808', '32811', '32818', '32822', '32807', '32806', '32839', '32810', '32812'], weight: 62 },
  { city: 'Apopka', zips: ['32703', '32712'], weight: 10 },
  { city: 'Ocoee', zips: ['34761'], weight: 8 },
  { city: 'Winter Garden', zips: ['34787'], weight: 7 },
  { city: 'Winter Park', zips: ['32789', '32792'], weight: 7 },
  { city: 'Maitland', zips: ['32751'], weight: 6 },
];
const FL_ELSEWHERE = [
  { city: 'Kissimmee', zip: '34741' },
  { city: 'Tampa', zip: '33604' },
  { city: 'Jacksonville', zip: '32210' },
  { city: 'Daytona Beach', zip: '32114' },
  { city: 'Lakeland', zip: '33801' },
];
/** Out-of-state owners keep their home area code about half the time. */
const OUT_OF_STATE = [
  { city: 'Atlanta', state: 'GA', zip: '30310', areaCode: '404' },
  { city: 'Brooklyn', state: 'NY', zip: '11221', areaCode: '718' },
  { city: 'Columbus', state: 'OH', zip: '43204', areaCode: '614' },
  { city: 'Charlotte', state: 'NC', zip: '28205', areaCode: '704' },
  { city: 'Newark', state: 'NJ', zip: '07104', areaCode: '973' },
];
/** Central Florida first; more Florida codes only when a big demo needs more fictional numbers. */
const FL_AREA_CODES = ['407', '321', '689', '386', '352', '863', '813', '727', '904', '561', '954', '305', '239', '941', '772'];

const PERSONAS: Record<Persona, number> = {
  silent: 62,
  interested: 8,
  question_then_interested: 5,
  question: 5,
  not_interested: 8,
  opt_out: 6,
  wrong_number: 3,
  unsure: 3,
};

/**
 * The most owners the fictional number ranges can hold (98 numbers per area code, a second phone for some).
 * 555-0100 and 555-0199 are left out: the demo business texts from +1 407 555-0100 and notifies +1 407 555-0199.
 */
export const MAX_DEMO_OWNERS = 1200;

/**
 * `count` owners of one property each, deterministic for `random`'s seed.
 *
 * @example synthesizeOwners(seededRandom(7), { count: 300, asOf: new Date('2025-06-09') })
 */
export function synthesizeOwners(random: Random, o: { count: number; asOf: Date }): DemoOwner[] {
  if (o.count > MAX_DEMO_OWNERS) throw new Error(`at most ${MAX_DEMO_OWNERS} demo owners`);
  const used = new Set<string>();
  const numberIn = (areaCodes: readonly string[]): string => {
    for (const ac of areaCodes) {
      for (let tries = 0; tries < 20; tries++) {
        const phone = `+1${ac}5550${random.int(101, 198)}`;
        if (!used.has(phone)) {
          used.add(phone);
          return phone;
        }
      }
      for (let k = 101; k <= 198; k++) {
        const phone = `+1${ac}5550${k}`;
        if (!used.has(phone)) {
          used.add(phone);
          return phone;
        }
      }
    }
    return numberIn(FL_AREA_CODES);
  };
  const parcels = new Set<string>();
  const owners: DemoOwner[] = [];
  const year = o.asOf.getUTCFullYear();
  for (let n = 1; n <= o.count; n++) {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    const c = random.weighted(Object.fromEntries(CITIES.map((x, i) => [String(i), x.weight])) as Record<string, number>);
    const place = CITIES[Number(c)]!;
    const situs = { line1: `${random.int(100, 9899)} ${random.pick(STREETS)}`, city: place.city, zip: random.pick(place.zips) };
    let parcelId: string;
    do {
      const d = (k: number) => String(random.int(0, 10 ** k - 1)).padStart(k, '0');
      parcelId = `${d(2)}-${d(2)}-${d(2)}-${d(4)}-${d(2)}-${d(3)}`;
    } while (parcels.has(parcelId));
    parcels.add(parcelId);

    const where = random.weighted({ home: 55, florida: 25, away: 20 });
    let mailing: DemoOwner['mailing'];
    let phoneCodes: readonly string[] = FL_AREA_CODES;
    if (where === 'home') mailing = { ...situs, state: 'FL' };
    else if (where === 'florida') {
      const p = random.pick(FL_ELSEWHERE);
      mailing = { line1: `${random.int(10, 9999)} ${random.pick(STREETS)}`, city: p.city, state: 'FL', zip: p.zip };
    } else {
      const p = random.pick(OUT_OF_STATE);
      mailing = { line1: `${random.int(10, 999)} ${random.pick(['Main St', 'Maple Ave', 'Park Pl', 'Church St', 'Elm St'])}`, city: p.city, state: p.state, zip: p.zip };
      if (random.chance(0.5)) phoneCodes = [p.areaCode, ...FL_AREA_CODES];
    }
    const estate = random.chance(0.04);
    const signals: DemoOwner['signals'] = {};
    if (random.chance(0.16)) {
      signals.taxDelinquent = true;
      if (random.chance(0.35)) signals.taxDelinquentYears = random.int(2, 4);
    }
    if (random.chance(0.07)) signals.lisPendens = true;
    if (estate || random.chance(0.03)) signals.probate = true;
    if (random.chance(0.1)) signals.codeViolation = true;
    if (where !== 'home' && random.chance(0.18)) signals.vacant = true;
    if (where !== 'home' && random.chance(0.2)) signals.tiredLandlord = true;
    const saleYear = random.int(1978, year - 2);
    if (year - saleYear > 20 && random.chance(0.5)) signals.freeAndClear = true;
    const estimatedValue = random.int(165, 640) * 1000;
    const lastSalePrice = Math.round(estimatedValue * Math.max(0.18, 1 - (year - saleYear) * 0.035) / 1000) * 1000;

    const phones = random.chance(0.93) ? [numberIn(phoneCodes)] : [];
    if (phones.length > 0 && random.chance(0.15)) phones.push(numberIn(FL_AREA_CODES));
    const email = random.chance(0.7) ? `${first}.${last}${n}@example.com`.toLowerCase() : null;
    const writtenConsent = random.chance(0.55);
    // Numbers on the national list belong to owners who never consented (consent would exempt them).
    const nationalDnc = !writtenConsent && phones.length > 0 && random.chance(0.1);
    owners.push({
      n,
      parcelId,
      ownerName: estate ? `Estate of ${first} ${last}` : `${first} ${last}`,
      firstName: first,
      phones,
      email,
      situs,
      mailing,
      signals,
      estimatedValue,
      lastSalePrice,
      lastSaleDate: `${saleYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      homestead: where === 'home',
      writtenConsent,
      nationalDnc,
      persona: random.weighted(PERSONAS),
    });
  }
  return owners;
}

const CSV_COLUMNS = [
  'parcel_id', 'owner_name', 'situs_address', 'situs_city', 'situs_state', 'situs_zip', 'situs_county', 'mailing_address', 'mailing_city', 'mailing_state',
  'mailing_zip', 'estimated_value', 'last_sale_price', 'last_sale_date', 'homestead', 'tax_delinquent', 'tax_delinquent_years', 'lis_pendens', 'probate',
  'code_violation', 'vacant', 'tired_landlord', 'free_and_clear', 'phone1', 'phone2', 'email', 'source',
] as const;

const cell = (v: string | number | boolean | undefined | null): string => {
  if (v === undefined || v === null || v === false) return '';
  const s = v === true ? 'Y' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The owners as a list in Curb's generic import format (canonical column names). */
export function ownersToCsv(owners: readonly DemoOwner[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const w of owners) {
    const row: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | undefined> = {
      parcel_id: w.parcelId,
      owner_name: w.ownerName,
      situs_address: w.situs.line1,
      situs_city: w.situs.city,
      situs_state: 'FL',
      situs_zip: w.situs.zip,
      situs_county: 'Orange',
      mailing_address: w.mailing.line1,
      mailing_city: w.mailing.city,
      mailing_state: w.mailing.state,
      mailing_zip: w.mailing.zip,
      estimated_value: w.estimatedValue,
      last_sale_price: w.lastSalePrice,
      last_sale_date: w.lastSaleDate,
      homestead: w.homestead,
      tax_delinquent: w.signals.taxDelinquent,
      tax_delinquent_years: w.signals.taxDelinquentYears,
      lis_pendens: w.signals.lisPendens,
      probate: w.signals.probate,
      code_violation: w.signals.codeViolation,
      vacant: w.signals.vacant,
      tired_landlord: w.signals.tiredLandlord,
      free_and_clear: w.signals.freeAndClear,
      phone1: w.phones[0],
      phone2: w.phones[1],
      email: w.email ?? undefined,
      source: 'demo',
    };
    lines.push(CSV_COLUMNS.map((k) => cell(row[k])).join(','));
  }
  return `${lines.join('\n')}\n`;
}
