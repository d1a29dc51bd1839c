import type { ScoringProfile, SignalWeight } from './score-profile.js';
import { assignTier, type Tier, type TierThresholds } from './tiers.js';

/** Where a signal came from, kept with its points so every score can be explained. */
export interface SignalEvidence {
  source?: string;
  recordId?: string;
  /** The input field that produced the signal, e.g. `owner_name`. */
  field?: string;
  value?: string;
  observedAt?: string;
}

/** One observed signal: a key of the profile's `signals`, `penalties` or `exclusions`. */
export interface SignalObservation {
  signal: string;
  /** The event's date (lis pendens recorded, sale scheduled for, case opened); drives decay and expiry. */
  date?: Date;
  /** Occurrences, for signals with `per_additional` (open code cases). */
  count?: number;
  evidence?: SignalEvidence;
}

export interface Contribution {
  signal: string;
  /** The profile group, or `stacking` / `penalty`. */
  group: string;
  /** Points this signal actually added (0 when superseded within its group, decayed away or capped). */
  points: number;
  evidence?: SignalEvidence;
  /** Why the points differ from the profile's weight, when they do. */
  note?: string;
}

export interface ScorePropertyOptions {
  signals: readonly SignalObservation[];
  profile: ScoringProfile;
  /** The instant the score is for; decay and expiry are measured from it. */
  asOf: Date;
  /** A market's own thresholds; the profile's otherwise. */
  tiers?: TierThresholds;
}

export interface PropertyScore {
  score: number;
  tier: Tier;
  /** Sums to the score before clamping. */
  contributions: Contribution[];
  /** Exclusion keys that matched (public land, government owner…): such a property scores the minimum. */
  excluded?: string[];
}

const DAY_MS = 86_400_000;
const MONTH_DAYS = 30.4375;

interface Member {
  c: Contribution;
  raw: number;
  additive: boolean;
}

/**
 * Transparent additive score (florida-data.md §4.4): within a group signals combine by max, sum or
 * max_plus under a cap; event signals decay by half-life from their date; each distinct group beyond
 * the first earns a stacking bonus; penalties subtract; the total is clamped and tiered.
 *
 * @example
 * scoreProperty({ profile, asOf, signals: [{ signal: 'absentee' }] }) // { score: 6, tier: 'D', contributions: [...] }
 */
export function scoreProperty(options: ScorePropertyOptions): PropertyScore {
  const { profile, signals } = options;
  const asOfMs = options.asOf.getTime();
  const groups = new Map<string, Member[]>();
  const contributions: Contribution[] = [];
  let excluded: string[] | undefined;
  let penaltyTotal = 0;

  for (let i = 0; i < signals.length; i++) {
    const obs = signals[i]!;
    const weight = profile.signals[obs.signal];
    if (weight) {
      const { raw, note } = pointsOf(weight, obs, asOfMs);
      const c: Contribution = { signal: obs.signal, group: weight.group, points: 0 };
      if (obs.evidence) c.evidence = obs.evidence;
      if (note) c.note = note;
      let members = groups.get(weight.group);
      if (!members) groups.set(weight.group, (members = []));
      // The same signal reported twice (two lists) counts once, at its best.
      const dup = members.find((m) => m.c.signal === obs.signal);
      if (dup) {
        if (raw > dup.raw) {
          dup.raw = raw;
          dup.c = c;
        }
        continue;
      }
      members.push({ c, raw, additive: weight.additive === true });
      continue;
    }
    const penalty = profile.penalties[obs.signal];
    if (penalty !== undefined) {
      if (contributions.some((c) => c.signal === obs.signal)) continue;
      const c: Contribution = { signal: obs.signal, group: 'penalty', points: penalty };
      if (obs.evidence) c.evidence = obs.evidence;
      contributions.push(c);
      penaltyTotal += penalty;
      continue;
    }
    if (profile.exclusions.includes(obs.signal)) (excluded ??= []).push(obs.signal);
  }

  let total = penaltyTotal;
  let activeGroups = 0;
  const grouped: Contribution[] = [];
  for (const [name, members] of groups) {
    const rule = profile.groups[name]!;
    let groupTotal = 0;
    if (rule.combine === 'sum') {
      for (const m of members) m.c.points = m.raw;
    } else {
      let best: Member | undefined;
      for (const m of members) if (!(rule.combine === 'max_plus' && m.additive) && (!best || m.raw > best.raw)) best = m;
      for (const m of members) {
        if (rule.combine === 'max_plus' && m.additive) m.c.points = m.raw;
        else if (m === best) m.c.points = m.raw;
        else if (m.raw > 0) m.c.note = appendNote(m.c.note, `superseded by ${best!.c.signal} (group ${name} takes the max)`);
      }
    }
    for (const m of members) {
      let pts = round1(m.c.points);
      if (rule.cap !== undefined && groupTotal + pts > rule.cap) {
        const capped = Math.max(0, round1(rule.cap - groupTotal));
        m.c.note = appendNote(m.c.note, `group ${name} capped at ${rule.cap}`);
        pts = capped;
      }
      m.c.points = pts;
      groupTotal += pts;
      grouped.push(m.c);
    }
    if (groupTotal > 0) activeGroups++;
    total += groupTotal;
  }

  const bonus = Math.min(profile.stacking_bonus.max, profile.stacking_bonus.per_extra_group * Math.max(0, activeGroups - 1));
  const all = grouped.concat(contributions);
  if (bonus > 0) {
    all.push({ signal: 'stacking_bonus', group: 'stacking', points: bonus, note: `${activeGroups} distinct signal groups` });
    total += bonus;
  }

  const [min, max] = profile.clamp;
  const score = excluded ? min : Math.min(max, Math.max(min, round1(total)));
  const result: PropertyScore = { score, tier: assignTier(score, options.tiers ?? profile.tiers), contributions: all };
  if (excluded) result.excluded = excluded;
  return result;
}

function pointsOf(weight: SignalWeight, obs: SignalObservation, asOfMs: number): { raw: number; note?: string } {
  let raw = weight.points;
  if (weight.per_additional && obs.count && obs.count > 1) raw += weight.per_additional * (obs.count - 1);
  if (!obs.date) return { raw };
  const ageDays = (asOfMs - obs.date.getTime()) / DAY_MS;
  // The event day itself still counts: a sale at 11:00 is still ahead at 08:00.
  if (weight.zero_after_date && ageDays >= 1) return { raw: 0, note: 'event date has passed' };
  if (weight.max_age_months !== undefined && ageDays > weight.max_age_months * MONTH_DAYS) {
    return { raw: 0, note: `older than ${weight.max_age_months} months` };
  }
  if (weight.half_life_days !== undefined && ageDays > 0) {
    const decayed = raw * 0.5 ** (ageDays / weight.half_life_days);
    return { raw: decayed, note: `decayed from ${raw} (${Math.floor(ageDays)} days old, half-life ${weight.half_life_days} d)` };
  }
  return { raw };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const appendNote = (a: string | undefined, b: string): string => (a ? `${a}; ${b}` : b);
