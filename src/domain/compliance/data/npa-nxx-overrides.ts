/**
 * NPA-NXX (area code + exchange) overrides for area codes that cross a time-zone line. An override replaces the
 * area code's candidate zones for numbers in that exchange. Only exchanges whose rate center is well known are
 * listed; every other exchange of a split area code keeps all of the area code's zones (the safe reading).
 *
 * Numbers are portable, so an exchange is evidence of where the line was issued, not proof of where the person
 * is; that is why the engine still adds the zones of every known recipient state.
 */
const ET = 'America/New_York';
const CT = 'America/Chicago';

/** [zones, 'NPANXX NPANXX …', why] */
const ROWS: ReadonlyArray<readonly [readonly string[], string, string]> = [
  // Pensacola (Escambia County) is Central.
  [[CT], '850432 850433 850434 850435 850438', 'Pensacola rate center (Escambia County, Central)'],
  // Tallahassee (Leon County), including Florida State University's exchanges, is Eastern.
  [[ET], '850222 850224 850644 850645', 'Tallahassee rate center (Leon County, Eastern)'],
];

function build(): ReadonlyMap<number, readonly string[]> {
  const map = new Map<number, readonly string[]>();
  for (const [zones, list] of ROWS) for (const k of list.split(' ')) map.set(Number(k), Object.freeze([...zones]));
  return map;
}

export const NPA_NXX_OVERRIDES: ReadonlyMap<number, readonly string[]> = build();
