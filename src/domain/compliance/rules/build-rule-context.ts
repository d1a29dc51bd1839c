import { STATE_ZONES } from '../data/state-zones.js';
import type { StateRule } from '../data/state-rules.js';
import { stateRuleFor } from '../data/state-rules.js';
import type { Situation } from '../situation.js';
import { zonesForPhone } from '../zones-for-phone.js';
import type { RuleContext, WindowConstraint } from './rule-context.js';

const FEDERAL_WINDOWS: StateRule['windows'] = [[480, 1260], [480, 1260], [480, 1260], [480, 1260], [480, 1260], [480, 1260], [480, 1260]];
const F1_TAG = { rule: 'F1', code: 'federal_calling_hours', label: 'outside the federal solicitation window 08:00-21:00 local' } as const;
const QUIET_TAG = { rule: 'CURB-QUIET-HOURS', code: 'quiet_hours', label: 'inside Curb quiet hours 21:00-08:00 local' } as const;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const descriptions = new WeakMap<StateRule, string>();
function describe(rule: StateRule): string {
  let d = descriptions.get(rule);
  if (d === undefined) {
    const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const groups = new Map<string, string[]>();
    rule.windows.forEach((w, i) => {
      const key = w === null ? 'none' : `${fmt(w[0])}-${fmt(w[1])}`;
      groups.set(key, [...(groups.get(key) ?? []), DAY_NAMES[i]!]);
    });
    d = [...groups].map(([k, days]) => (days.length === 7 ? `daily ${k}` : `${days.join('/')} ${k}`)).join(', ');
    if (rule.noFederalHolidays) d += ', none on federal holidays';
    descriptions.set(rule, d);
  }
  return d;
}

/** Epoch ms of an ISO string; NaN when unreadable (each caller picks the safe reading of NaN). */
const ms = (iso: string | null | undefined): number | null => (iso === null || iso === undefined ? null : Date.parse(iso));

function addAll(into: string[], items: readonly string[] | undefined): void {
  if (items) for (const x of items) if (!into.includes(x)) into.push(x);
}

/** Parses a situation once, applying every safe reading, for the rules to read. */
export function buildRuleContext(s: Situation): RuleContext {
  const at = Date.parse(s.at);
  const purpose = s.purpose ?? 'marketing';
  const isPhone = s.channel !== 'email';
  const account = s.account ?? {};
  const contact = s.contact ?? {};
  const offerToBuyExemption = account.offerToBuyExemption === true;

  // Zones: the recipient's known zones, else the phone's NPA-NXX / NPA; every recipient state adds its zones.
  const phone = isPhone ? zonesForPhone(s.to) : { zones: [], states: [] };
  const zones: string[] = [];
  const given = s.recipientZones !== undefined && s.recipientZones.length > 0 ? s.recipientZones : null;
  addAll(zones, given ?? phone.zones);
  const phoneZoneUnknown = isPhone && zones.length === 0;
  const recipientStates = (s.recipientStates ?? []).map((x) => x.trim().toUpperCase());
  const unknownStates: string[] = [];
  for (const st of recipientStates) {
    const z = STATE_ZONES[st];
    if (z === undefined) unknownStates.push(st);
    else addAll(zones, z);
  }
  const states: string[] = [];
  addAll(states, recipientStates);
  addAll(states, phone.states);
  const stateRules = states.map((state) => ({ state, rule: stateRuleFor(state) }));

  const windowConstraints: WindowConstraint[] = [];
  if (isPhone && (purpose === 'marketing' || purpose === 'informational')) {
    for (const zone of zones) {
      windowConstraints.push({ zone, windows: FEDERAL_WINDOWS, noFederalHolidays: false, tags: purpose === 'marketing' ? [F1_TAG, QUIET_TAG] : [QUIET_TAG] });
      if (purpose !== 'marketing') continue;
      const seen = new Map<StateRule, string[]>();
      for (const { state, rule } of stateRules) seen.set(rule, [...(seen.get(rule) ?? []), state]);
      for (const [rule, sts] of seen) {
        const id = sts.includes('FL') && rule.ruleId === 'S1' ? 'S1' : rule.ruleId;
        windowConstraints.push({
          zone,
          windows: rule.windows,
          noFederalHolidays: rule.noFederalHolidays,
          tags: [{ rule: id, code: 'state_calling_hours', label: `outside the ${sts.join('/')} calling hours (${describe(rule)})` }],
        });
      }
    }
  }

  const marketingOutbound: number[] = [];
  const marketingOutboundPhone: number[] = [];
  const confirmationsSent: number[] = [];
  const inbound: number[] = [];
  for (const h of s.history ?? []) {
    let t = Date.parse(h.at);
    // An unreadable history instant is read as "just now", so it counts toward every cap.
    if (Number.isNaN(t)) t = at;
    if ((h.direction ?? 'outbound') === 'inbound') {
      inbound.push(t);
      continue;
    }
    const p = h.purpose ?? 'marketing';
    if (p === 'marketing') {
      marketingOutbound.push(t);
      if (h.channel !== 'email') marketingOutboundPhone.push(t);
    } else if (p === 'opt_out_confirmation') confirmationsSent.push(t);
  }
  const asc = (a: number, b: number) => a - b;
  marketingOutbound.sort(asc);
  marketingOutboundPhone.sort(asc);
  inbound.sort(asc);

  const lists = contact.lists ?? [];
  const consentAt = contact.consent ? ms(contact.consent.at) : null;
  const ebrAt = contact.ebr ? ms(contact.ebr.at) : null;
  const postal = account.postalAddress;
  const cap = account.maxMessagesPerContactPerDay;

  return {
    at,
    channel: s.channel,
    purpose,
    automated: (s.initiation ?? 'automated') !== 'manual',
    isPhone,
    to: s.to,
    body: s.body,
    solicitation: purpose === 'marketing' && !offerToBuyExemption,
    interrupting: isPhone,
    zones,
    phoneZoneUnknown,
    states,
    unknownStates,
    stateRules,
    windowConstraints,
    optedOutAt: contact.optedOutAt === null || contact.optedOutAt === undefined ? null : Date.parse(contact.optedOutAt),
    lists: {
      national: lists.includes('national_dnc'),
      state: lists.includes('state_dnc'),
      internal: lists.includes('internal_dnc'),
      litigator: lists.includes('litigator'),
    },
    consent: contact.consent && consentAt !== null ? { kind: contact.consent.kind, at: consentAt } : null,
    ebr: contact.ebr && ebrAt !== null ? { kind: contact.ebr.kind, at: ebrAt } : null,
    marketingOutbound,
    marketingOutboundPhone,
    confirmationsSent,
    inbound,
    lastNationalDncScrubAt: ms(account.lastNationalDncScrubAt),
    offerToBuyExemption,
    postalAddress: typeof postal === 'string' && postal.trim().length > 0 ? postal : null,
    // An unreadable cap reads as the default of 1.
    maxMessagesPerContactPerDay: typeof cap === 'number' && Number.isFinite(cap) ? Math.floor(cap) : 1,
    automatedColdOutreachApproved: account.automatedColdOutreachApproved === true,
    hasUnsubscribeLink: s.hasUnsubscribeLink === true,
  };
}
