import { NPA_NXX_OVERRIDES } from './data/npa-nxx-overrides.js';
import { NPA_ZONES } from './data/npa-zones.js';

export interface PhoneZones {
  /** candidate IANA zones; empty when unknown (non-geographic, foreign, unassigned) */
  zones: readonly string[];
  /** the state/province of the area code (S5: a Florida area code is presumed to reach a Florida resident) */
  states: readonly string[];
}

const UNKNOWN: PhoneZones = Object.freeze({ zones: Object.freeze([]), states: Object.freeze([]) });
const byNpa = new Map<number, PhoneZones>();
for (const [npa, info] of NPA_ZONES) byNpa.set(npa, Object.freeze({ zones: info.zones, states: Object.freeze([info.state]) }));
const byNpaNxx = new Map<number, PhoneZones>();
for (const [key, zones] of NPA_NXX_OVERRIDES) {
  const info = NPA_ZONES.get(Math.floor(key / 1000));
  if (info) byNpaNxx.set(key, Object.freeze({ zones, states: Object.freeze([info.state]) }));
}

/**
 * Candidate time zones and state of a NANP number in E.164 form (`+1` and 10 digits): the NPA-NXX override
 * first, then the area code. Anything else — other countries, non-geographic area codes, malformed input — is
 * unknown (empty arrays), and the engine holds such sends for a human (R-TZ-UNKNOWN).
 *
 * @example zonesForPhone('+18505551234') // { zones: ['America/New_York', 'America/Chicago'], states: ['FL'] }
 */
export function zonesForPhone(e164: string): PhoneZones {
  if (e164.length !== 12 || e164.charCodeAt(0) !== 43 /* + */ || e164.charCodeAt(1) !== 49 /* 1 */) return UNKNOWN;
  let n = 0;
  for (let i = 2; i < 12; i++) {
    const c = e164.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return UNKNOWN;
    n = n * 10 + c;
  }
  const npaNxx = Math.floor(n / 10_000);
  return byNpaNxx.get(npaNxx) ?? byNpa.get(Math.floor(npaNxx / 1000)) ?? UNKNOWN;
}
