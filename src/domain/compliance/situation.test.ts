import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { parseSituation } from './situation.js';

describe('parseSituation', () => {
  it('applies the safe readings for missing fields', () => {
    const r = parseSituation({ at: '2025-06-10T16:00:00Z', channel: 'sms', to: '+14075551234' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.situation.purpose).toBe('marketing');
    expect(r.situation.initiation).toBe('automated');
    expect(r.situation.contact.lists).toEqual([]);
    expect(r.situation.account.maxMessagesPerContactPerDay).toBe(1);
    expect(r.situation.account.lastNationalDncScrubAt).toBeUndefined();
    // …and the engine reads those as not scrubbed / no consent
    expect(decide(r.situation).reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['national_dnc_not_scrubbed', 'no_written_consent']));
  });
  it('names every bad field by its dotted path', () => {
    const r = parseSituation({
      at: 'tomorrow',
      channel: 'fax',
      to: '+14075551234',
      contact: { consent: { kind: 'written', at: 'last week' }, lists: ['nope'] },
      history: [{ at: '2025-06-10T16:00:00Z', channel: 'pigeon' }],
      recipientZones: ['Mars/Olympus'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['at', 'channel', 'contact.consent.at', 'contact.lists.0', 'history.0.channel', 'recipientZones.0']));
  });
  it('checks that `to` fits the channel', () => {
    const r = parseSituation({ at: '2025-06-10T16:00:00Z', channel: 'email', to: '+14075551234' });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['to']);
  });
  it('upper-cases state codes', () => {
    const r = parseSituation({ at: '2025-06-10T16:00:00Z', channel: 'sms', to: '+14075551234', recipientStates: ['tx'] });
    expect(r.ok && r.situation.recipientStates).toEqual(['TX']);
  });
});
