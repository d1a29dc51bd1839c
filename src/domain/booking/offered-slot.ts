import { localEpochMs } from '../compliance/time/local-time.js';

/** A calendar slot offered to an owner, as stored with the conversation so a reply can be matched to it. */
export interface OfferedSlot {
  /** ISO instant (UTC) the appointment starts. */
  startTime: string;
}

/** Wall-clock parts of an instant in a zone. */
export interface LocalParts {
  /** days since 1970-01-01 in the zone's calendar */
  day: number;
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  date: number;
  /** 0 = Sunday */
  weekday: number;
  /** 0-23 */
  hour: number;
  minute: number;
}

/** The wall-clock date and time of an instant in an IANA zone. */
export function localParts(at: string | number | Date, timeZone: string): LocalParts {
  const t = typeof at === 'number' ? at : new Date(at).getTime();
  const local = localEpochMs(timeZone, t);
  const d = new Date(local);
  return {
    day: Math.floor(local / 86_400_000),
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}
