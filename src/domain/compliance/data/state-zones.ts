/**
 * Every IANA zone a US state, territory or Canadian province spans. When the recipient is known to be in a
 * state (mailing or property address) but not where in it, the engine adds all of that state's zones to the
 * candidate set (R-TZ-CANDIDATES), so the send must be allowed everywhere in the state.
 */
const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

export const STATE_ZONES: Readonly<Record<string, readonly string[]>> = {
  AL: [CT], AK: ['America/Anchorage', 'America/Adak'], AZ: ['America/Phoenix', MT], AR: [CT], CA: [PT],
  CO: [MT], CT: [ET], DE: [ET], DC: [ET], FL: [ET, CT], GA: [ET], HI: ['Pacific/Honolulu'],
  ID: ['America/Boise', PT], IL: [CT], IN: ['America/Indiana/Indianapolis', CT], IA: [CT], KS: [CT, MT],
  KY: [ET, CT], LA: [CT], ME: [ET], MD: [ET], MA: [ET], MI: ['America/Detroit', 'America/Menominee'], MN: [CT],
  MS: [CT], MO: [CT], MT: [MT], NE: [CT, MT], NV: [PT, MT], NH: [ET], NJ: [ET], NM: [MT], NY: [ET], NC: [ET],
  ND: [CT, MT], OH: [ET], OK: [CT], OR: [PT, 'America/Boise'], PA: [ET], RI: [ET], SC: [ET], SD: [CT, MT],
  TN: [ET, CT], TX: [CT, MT], UT: [MT], VT: [ET], VA: [ET], WA: [PT], WV: [ET], WI: [CT], WY: [MT],
  PR: ['America/Puerto_Rico'], VI: ['America/St_Thomas'], GU: ['Pacific/Guam'], MP: ['Pacific/Saipan'],
  AS: ['Pacific/Pago_Pago'],
  AB: ['America/Edmonton'], BC: ['America/Vancouver', 'America/Edmonton'], MB: ['America/Winnipeg'],
  NB: ['America/Moncton'], NL: ['America/St_Johns', 'America/Goose_Bay'], NS: ['America/Halifax'],
  PE: ['America/Halifax'], ON: ['America/Toronto', 'America/Winnipeg'], QC: ['America/Toronto', 'America/Halifax'],
  SK: ['America/Regina', 'America/Edmonton'], YT: ['America/Whitehorse'], NT: ['America/Yellowknife'],
  NU: ['America/Iqaluit', 'America/Winnipeg', 'America/Edmonton'],
};
