/**
 * State (and Canadian) telemarketing rules as data. A window is [startMinute, endMinute) of the local day,
 * start-inclusive, end-exclusive; `null` means no solicitation that weekday. Index 0 is Sunday.
 *
 * Sources are in COMPLIANCE.md (S1-S7) and research/compliance-rules.md §1.2-1.3; rows the research marks [U]
 * come from vendor tables and must be verified before relying on them — where in doubt, the row is stricter.
 * A state missing from the table gets DEFAULT_STATE_RULE (09:00-20:00, no Sundays, no federal holidays).
 */
export type DayWindow = readonly [number, number] | null;

export interface StateRule {
  /** the rule id reported in reasons (S1 for Florida's window, S7 for other states) */
  ruleId: string;
  /** Sunday … Saturday */
  windows: readonly [DayWindow, DayWindow, DayWindow, DayWindow, DayWindow, DayWindow, DayWindow];
  /** no solicitation on US federal holidays (actual or observed date) */
  noFederalHolidays: boolean;
  /** marketing calls/texts to the number in any rolling 24 h, across channels and sender numbers */
  maxSolicitationsPer24h: number | null;
  /** an automated system that selects or dials numbers needs prior express written consent */
  automatedNeedsWrittenConsent: boolean;
  /** every telephonic sales call or text needs prior express written consent, even one a person sends */
  everySolicitationNeedsWrittenConsent: boolean;
  /** commercial texts need the recipient's prior affirmative consent (any recorded consent), even manual ones */
  textsNeedConsent: boolean;
  source: string;
}

const h = (hour: number, minute = 0) => hour * 60 + minute;
const daily = (start: number, end: number): StateRule['windows'] => {
  const w: DayWindow = [h(start), h(end)];
  return [w, w, w, w, w, w, w];
};
const noSunday = (start: number, end: number): StateRule['windows'] => {
  const w: DayWindow = [h(start), h(end)];
  return [null, w, w, w, w, w, w];
};

const base = {
  ruleId: 'S7',
  noFederalHolidays: false,
  maxSolicitationsPer24h: null,
  automatedNeedsWrittenConsent: false,
  everySolicitationNeedsWrittenConsent: false,
  textsNeedConsent: false,
} as const;

/** Canada's CRTC Unsolicited Telecommunications Rules: weekdays 09:00-21:30, weekends 10:00-18:00. */
const CRTC: StateRule = {
  ...base,
  windows: [[h(10), h(18)], [h(9), h(21, 30)], [h(9), h(21, 30)], [h(9), h(21, 30)], [h(9), h(21, 30)], [h(9), h(21, 30)], [h(10), h(18)]],
  source: 'CRTC Unsolicited Telecommunications Rules, Part III s.31 (calling hours)',
};

export const STATE_RULES: Readonly<Record<string, StateRule>> = {
  FL: {
    ...base,
    ruleId: 'S1',
    windows: daily(8, 20),
    maxSolicitationsPer24h: 3,
    automatedNeedsWrittenConsent: true,
    source: 'Fla. Stat. 501.616(6)(a)-(b) (08-20, 3 per 24 h); 501.059(8)(a) (PEWC for automated systems)',
  },
  OK: { ...base, windows: daily(8, 20), maxSolicitationsPer24h: 3, automatedNeedsWrittenConsent: true, source: 'Okla. Telephone Solicitation Act 2022, 15 O.S. 775C' },
  MD: { ...base, windows: daily(8, 20), maxSolicitationsPer24h: 3, automatedNeedsWrittenConsent: true, source: 'Md. Stop the Spam Calls Act 2023' },
  CT: { ...base, windows: daily(9, 20), everySolicitationNeedsWrittenConsent: true, automatedNeedsWrittenConsent: true, source: 'Conn. SB 1058 (2023)' },
  WA: { ...base, windows: daily(8, 20), textsNeedConsent: true, source: 'RCW 19.158.040(2); RCW 19.190.060-.070' },
  MA: { ...base, windows: daily(8, 20), source: '[U] vendor table' },
  AL: { ...base, windows: noSunday(8, 20), noFederalHolidays: true, source: '[U] vendor table' },
  LA: { ...base, windows: noSunday(8, 20), noFederalHolidays: true, source: '[U] vendor table' },
  MS: { ...base, windows: noSunday(8, 20), source: '[U] vendor table' },
  KY: { ...base, windows: daily(10, 21), source: '[U] vendor table' },
  MI: { ...base, windows: daily(9, 21), source: '[U] vendor table' },
  MN: { ...base, windows: daily(9, 21), source: '[U] vendor table' },
  NV: { ...base, windows: daily(9, 20), source: '[U] vendor table' },
  NM: { ...base, windows: daily(9, 21), source: '[U] vendor table' },
  RI: { ...base, windows: daily(9, 18), source: '[U] vendor table (partial data)' },
  TX: {
    ...base,
    windows: [[h(12), h(21)], [h(9), h(21)], [h(9), h(21)], [h(9), h(21)], [h(9), h(21)], [h(9), h(21)], [h(9), h(21)]],
    source: 'Tex. Bus. & Com. Code 301.051 (09-21 Mon-Sat, 12-21 Sunday); SB 140 covers texts from 2025-09-01',
  },
  VA: { ...base, windows: daily(8, 21), source: 'Va. Code 59.1-518 (Virginia Telephone Privacy Protection Act)' },
  AB: CRTC, BC: CRTC, MB: CRTC, NB: CRTC, NL: CRTC, NS: CRTC, PE: CRTC, ON: CRTC, QC: CRTC, SK: CRTC, YT: CRTC, NT: CRTC, NU: CRTC,
};

/** The conservative default for a state not listed above (research R-STATE-OTHER). */
export const DEFAULT_STATE_RULE: StateRule = {
  ...base,
  windows: noSunday(9, 20),
  noFederalHolidays: true,
  source: 'Curb conservative default for unlisted states (R-STATE-OTHER)',
};

export function stateRuleFor(state: string): StateRule {
  return STATE_RULES[state] ?? DEFAULT_STATE_RULE;
}
