import { describe, expect, it } from 'vitest';
import { NPA_ZONES } from './data/npa-zones.js';
import { STATE_ZONES } from './data/state-zones.js';
import { isKnownZone } from './time/local-time.js';
import { zonesForPhone } from './zones-for-phone.js';

describe('zonesForPhone', () => {
  it.each([
    ['+14075551234', ['America/New_York'], 'FL'],
    ['+16895551234', ['America/New_York'], 'FL'], // Orlando overlay: Eastern only
    ['+18505551234', ['America/New_York', 'America/Chicago'], 'FL'],
    ['+14485551234', ['America/New_York', 'America/Chicago'], 'FL'], // 850 overlay
    ['+18504345555', ['America/Chicago'], 'FL'], // Pensacola exchange override
    ['+18506445555', ['America/New_York'], 'FL'], // Tallahassee exchange override
    ['+16025551234', ['America/Phoenix'], 'AZ'],
    ['+18085551234', ['Pacific/Honolulu'], 'HI'],
    ['+19075551234', ['America/Anchorage', 'America/Adak'], 'AK'],
    ['+19155551234', ['America/Denver'], 'TX'],
    ['+14165551234', ['America/Toronto'], 'ON'],
    ['+17875551234', ['America/Puerto_Rico'], 'PR'],
  ])('%s → %j in %s', (phone, zones, state) => {
    expect(zonesForPhone(phone)).toEqual({ zones, states: [state] });
  });
  it.each(['+18005551234', '+18335551234', '+18445551234', '+18555551234', '+18665551234', '+18775551234', '+18885551234', '+19005551234', '+15005551234', '+16005551234', '+17005551234', '+17105551234', '+12425551234', '+442079460958', '4075551234', '+1407555123x', ''])(
    '%s is unknown',
    (phone) => expect(zonesForPhone(phone)).toEqual({ zones: [], states: [] }),
  );
  it('lists several hundred geographic area codes, every zone a real IANA zone', () => {
    expect(NPA_ZONES.size).toBeGreaterThan(380);
    for (const [npa, info] of NPA_ZONES) {
      expect(npa).toBeGreaterThanOrEqual(201);
      for (const z of info.zones) expect(isKnownZone(z), `${npa} ${z}`).toBe(true);
      expect(STATE_ZONES[info.state], `${npa} ${info.state}`).toBeDefined();
    }
    for (const zones of Object.values(STATE_ZONES)) for (const z of zones) expect(isKnownZone(z)).toBe(true);
  });
});
