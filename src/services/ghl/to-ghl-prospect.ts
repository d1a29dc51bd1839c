import { z } from 'zod';
import type { GhlContact } from '../../adapters/crm-ghl/interface.js';
import { normalizePhone } from '../../domain/leads/normalize-phone.js';

export type GhlProspectSource = 'pipeline' | 'stale';

/** A GoHighLevel contact as a prospect: the fields Curb needs, normalised. */
export interface GhlProspect {
  ghlContactId: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  /** E.164, or null when HighLevel's number is missing or not a valid number. */
  phone: string | null;
  email: string | null;
  /** The pipeline stage id it was found in (null for a stale lead outside the configured stages). */
  stageId: string | null;
  sources: GhlProspectSource[];
  /** ISO instant of the last activity HighLevel knows (lastActivity, else dateUpdated). */
  lastActivity: string | null;
  dnd: boolean;
  dndChannels: string[];
}

const emailSchema = z.email();

/** Normalises one GoHighLevel contact; `stageId` is the stage it was listed under, if any. */
export function toGhlProspect(c: GhlContact, source: GhlProspectSource, stageId: string | null): GhlProspect {
  const phone = c.phone ? normalizePhone(c.phone) : null;
  const email = c.email?.trim().toLowerCase() ?? null;
  const times = [c.lastActivity, c.dateUpdated].filter((t): t is string => t !== null);
  return {
    ghlContactId: c.id,
    name: c.name,
    firstName: c.firstName,
    lastName: c.lastName,
    phone: phone?.ok ? phone.e164 : null,
    email: email && emailSchema.safeParse(email).success ? email : null,
    stageId,
    sources: [source],
    lastActivity: times.length > 0 ? times.reduce((a, b) => (a > b ? a : b)) : null,
    dnd: c.dnd,
    dndChannels: [...c.dndChannels],
  };
}

/** Several listings of one contact become one prospect: the first stage wins, sources are merged. */
export function mergeGhlProspects(list: readonly GhlProspect[]): GhlProspect[] {
  const byId = new Map<string, GhlProspect>();
  for (const p of list) {
    const known = byId.get(p.ghlContactId);
    if (!known) byId.set(p.ghlContactId, { ...p, sources: [...p.sources] });
    else {
      known.stageId ??= p.stageId;
      for (const s of p.sources) if (!known.sources.includes(s)) known.sources.push(s);
    }
  }
  return [...byId.values()];
}
