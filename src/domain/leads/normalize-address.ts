/** USPS Publication 28 street suffix abbreviations for the suffixes lists actually contain. */
const SUFFIXES: Record<string, string> = {
  ALLEY: 'ALY', AVENUE: 'AVE', AV: 'AVE', AVEN: 'AVE', BOULEVARD: 'BLVD', BOUL: 'BLVD', CIRCLE: 'CIR', CIRC: 'CIR',
  COURT: 'CT', CRT: 'CT', COVE: 'CV', CRESCENT: 'CRES', CROSSING: 'XING', DRIVE: 'DR', DRV: 'DR', EXPRESSWAY: 'EXPY',
  FREEWAY: 'FWY', HIGHWAY: 'HWY', HWAY: 'HWY', LANE: 'LN', LOOP: 'LOOP', PARKWAY: 'PKWY', PKY: 'PKWY', PLACE: 'PL',
  PLAZA: 'PLZ', POINT: 'PT', ROAD: 'RD', ROW: 'ROW', RUN: 'RUN', SQUARE: 'SQ', STREET: 'ST', STR: 'ST',
  TERRACE: 'TER', TERR: 'TER', TRAIL: 'TRL', TRL: 'TRL', TRACE: 'TRCE', TURNPIKE: 'TPKE', WAY: 'WAY', PASS: 'PASS',
  PATH: 'PATH', PIKE: 'PIKE', RIDGE: 'RDG', VIEW: 'VW', VISTA: 'VIS', WALK: 'WALK', GLEN: 'GLN', HILL: 'HL',
  HOLLOW: 'HOLW', ISLAND: 'IS', LANDING: 'LNDG', MANOR: 'MNR', MEADOW: 'MDW', MEADOWS: 'MDWS', ORCHARD: 'ORCH',
  PARK: 'PARK', CREEK: 'CRK', CENTER: 'CTR', CAUSEWAY: 'CSWY', GROVE: 'GRV', HARBOR: 'HBR', HEIGHTS: 'HTS',
};
const DIRECTIONS: Record<string, string> = {
  NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W', NORTHEAST: 'NE', NORTHWEST: 'NW', SOUTHEAST: 'SE', SOUTHWEST: 'SW',
};
/**
 * Every unit designator becomes `UNIT`: lists write the same door as "APT 4", "#4", "Unit 4" or
 * "Ste 4", and matching (absentee, owner key) cares that it is the same door, not how it was written.
 */
export const UNIT_MARKERS: ReadonlySet<string> = new Set(['APT', 'APARTMENT', 'UNIT', 'STE', 'SUITE', 'NUM', 'NO', 'BLDG', 'BUILDING', 'LOT', 'RM', 'ROOM', 'FL', 'FLOOR', 'SPC', 'SPACE', 'TRLR']);

/**
 * Canonical street line for matching: uppercase, punctuation dropped, spaces collapsed, the street
 * suffix and directionals abbreviated, unit markers unified.
 *
 * @example normalizeAddress('1207 North Example Avenue, Apt. #4') // '1207 N EXAMPLE AVE UNIT 4'
 */
export function normalizeAddress(line: string): string {
  // A row asks for the same two lines more than once (situs key, owner key, absentee test): the last two
  // answers are kept. Pure either way; this only skips recomputing.
  if (line === recent[0]) return recent[1];
  if (line === recent[2]) return recent[3];
  const out = normalizeLine(line);
  recent[2] = recent[0];
  recent[3] = recent[1];
  recent[0] = line;
  recent[1] = out;
  return out;
}

/** [line, result, line, result] of the last two calls. */
const recent: [string | undefined, string, string | undefined, string] = [undefined, '', undefined, ''];

function normalizeLine(line: string): string {
  const upper = line.toUpperCase();
  // Most lines are already plain words and numbers with single spaces; the clean-up passes would change nothing.
  const tokens = CLEAN_LINE.test(upper) ? upper.split(' ') : cleanTokens(upper);
  if (tokens.length === 0) return '';


  // Split off the unit part first so the suffix rule looks at the real last street word.
  let unitAt = -1;
  for (let i = 1; i < tokens.length; i++) {
    if (UNIT_MARKERS.has(tokens[i]!) && i < tokens.length - 1) {
      unitAt = i;
      break;
    }
  }
  const street = unitAt === -1 ? tokens : tokens.slice(0, unitAt);
  const unit = unitAt === -1 ? [] : tokens.slice(unitAt + 1).filter((t) => !UNIT_MARKERS.has(t));

  const last = street.length - 1;
  for (let i = 0; i < street.length; i++) {
    const t = street[i]!;
    const dir = DIRECTIONS[t];
    // Directionals only where they are directionals: a prefix needs a name and a suffix after it,
    // a trailing one a name before it, so "12 NORTH ST" keeps its name.
    if (dir && ((i === 1 && street.length > 3) || (i === last && street.length > 2))) street[i] = dir;
    else if (i === last && i > 0) street[i] = SUFFIXES[t] ?? t;
    else if (i === last - 1 && i > 0 && DIRECTIONS[street[last]!] !== undefined) street[i] = SUFFIXES[t] ?? t;
  }
  return unit.length > 0 ? `${street.join(' ')} UNIT ${unit.join(' ')}` : street.join(' ');
}

const CLEAN_LINE = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;

function cleanTokens(upper: string): string[] {
  return upper
    .replace(/#/g, ' NUM ')
    .replace(/[^A-Z0-9/\- ]/g, ' ')
    .replace(/(?<=[A-Z])-|-(?=[A-Z])/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
}
