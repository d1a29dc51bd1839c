/**
 * Send-time intelligence (seed 003 Phase 2, `compute_next_touch_time`): move a touch within its day to
 * the hour this owner tends to answer, or failing that the hour the cohort answers, always inside the
 * allowed window and never before the planned time. Deterministic: no randomness, time is an input.
 */
import { DAY_MS, HOUR_MS, fromLocalEpochMs, localEpochMs } from '../compliance/time/local-time.js';

export type SendTimeVariant = 'fixed' | 'smart';

export interface SendTimeEngagement {
  /** Local hours (0-23, in the owner's zone) at which this owner replied before. */
  replyHoursLocal: readonly number[];
  /** 24 non-negative weights (replies or reply rates) of similar owners, by local hour. */
  cohortReplyHistogram: readonly number[];
}

/** Local hours [startHour, endHour): start-inclusive, end-exclusive, like the compliance windows. */
export interface AllowedWindow {
  startHour: number;
  endHour: number;
}

export interface ComputeNextTouchTimeOptions {
  baseDue: Date;
  engagement: SendTimeEngagement;
  /** The recipient's IANA zone. */
  zone: string;
  allowedWindow: AllowedWindow;
  variant: SendTimeVariant;
}

export interface NextTouchTime {
  at: Date;
  /** Why this time: the control arm, the owner's or the cohort's best hour, or the earliest allowed instant. */
  basis: 'fixed' | 'owner' | 'cohort' | 'earliest';
}

function argmaxHour(weights: (h: number) => number, hours: readonly number[]): number | undefined {
  let best: number | undefined;
  let bestW = 0;
  for (const h of hours) {
    const w = weights(h);
    // Strictly greater: ties keep the earliest hour, closest to the planned schedule.
    if (w > bestW) {
      best = h;
      bestW = w;
    }
  }
  return best;
}

/**
 * 'fixed' answers `baseDue` unchanged (the control arm; the compliance engine still defers it if needed).
 * 'smart' first takes the earliest allowed instant at or after `baseDue` (later the same local day, or
 * the next day's window start once the day's window has closed), then, on that local day, moves to the
 * allowed hour with the most replies from this owner, else from the cohort, else stays.
 *
 * @example
 * computeNextTouchTime({ baseDue, zone: 'America/New_York', allowedWindow: { startHour: 9, endHour: 20 },
 *   engagement: { replyHoursLocal: [18, 18, 12], cohortReplyHistogram }, variant: 'smart' }) // → 18:00 local
 */
export function computeNextTouchTime(o: ComputeNextTouchTimeOptions): NextTouchTime {
  if (o.variant === 'fixed') return { at: o.baseDue, basis: 'fixed' };
  const { startHour, endHour } = o.allowedWindow;
  if (!(Number.isInteger(startHour) && Number.isInteger(endHour) && startHour >= 0 && endHour <= 24 && startHour < endHour)) {
    throw new RangeError(`computeNextTouchTime: invalid allowed window ${startHour}-${endHour}`);
  }
  const base = o.baseDue.getTime();
  const local = localEpochMs(o.zone, base);
  let day = Math.floor(local / DAY_MS);
  const hourOfBase = Math.floor((local - day * DAY_MS) / HOUR_MS);
  let earliest: number;
  if (hourOfBase < startHour) earliest = fromLocalEpochMs(o.zone, day * DAY_MS + startHour * HOUR_MS);
  else if (hourOfBase >= endHour) {
    day += 1;
    earliest = fromLocalEpochMs(o.zone, day * DAY_MS + startHour * HOUR_MS);
  } else earliest = base;
  const earliestHour = Math.floor((localEpochMs(o.zone, earliest) - day * DAY_MS) / HOUR_MS);

  const candidates: number[] = [];
  for (let h = Math.max(startHour, earliestHour + 1); h < endHour; h++) candidates.push(h);
  const all = [earliestHour, ...candidates];

  const ownerCounts = new Array<number>(24).fill(0);
  for (const h of o.engagement.replyHoursLocal) if (Number.isInteger(h) && h >= 0 && h < 24) ownerCounts[h]! += 1;
  const cohort = (h: number): number => {
    const w = o.engagement.cohortReplyHistogram[h];
    return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0;
  };

  const at = (h: number): number => (h === earliestHour ? earliest : Math.max(earliest, fromLocalEpochMs(o.zone, day * DAY_MS + h * HOUR_MS)));
  const ownerBest = argmaxHour((h) => ownerCounts[h]!, all);
  if (ownerBest !== undefined) return { at: new Date(at(ownerBest)), basis: 'owner' };
  const cohortBest = argmaxHour(cohort, all);
  if (cohortBest !== undefined) return { at: new Date(at(cohortBest)), basis: 'cohort' };
  return { at: new Date(earliest), basis: 'earliest' };
}

/**
 * The A/B arm of a contact: a stable hash of the contact id (and an experiment salt), so the same
 * contact always gets the same arm and the smart arm's effect on reply rate can be measured against the
 * fixed arm. `smartShare` is the fraction in the smart arm (default one half).
 */
export function assignSendTimeVariant(contactId: string, options: { smartShare?: number; salt?: string } = {}): SendTimeVariant {
  const share = options.smartShare ?? 0.5;
  // FNV-1a, 32 bits: tiny, dependency-free and uniform enough for bucketing.
  let h = 0x811c9dc5;
  for (const ch of `${options.salt ?? 'send-time-v1'}:${contactId}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000 < share ? 'smart' : 'fixed';
}
