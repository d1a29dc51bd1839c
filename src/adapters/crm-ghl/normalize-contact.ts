import type { GhlContact, WireContact } from './interface.js';

/** HighLevel sends times as ISO strings or epoch milliseconds (numbers or numeric strings). */
export function toIsoInstant(v: string | number | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  const ms = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const blocking = new Set(['active', 'permanent']);

/**
 * The one place a LeadConnector contact becomes a `GhlContact`: names trimmed (`contactName` / `name`
 * when the parts are missing), times as ISO instants, DND as a flag plus the blocked channels.
 */
export function normalizeContact(w: WireContact): GhlContact {
  const first = w.firstName?.trim() || null;
  const last = w.lastName?.trim() || null;
  const joined = [first, last].filter(Boolean).join(' ');
  const dndChannels = Object.entries(w.dndSettings ?? {})
    .filter(([, s]) => blocking.has(s.status.toLowerCase()))
    .map(([channel]) => channel)
    .sort();
  return {
    id: w.id,
    locationId: w.locationId ?? null,
    firstName: first,
    lastName: last,
    name: joined || w.contactName?.trim() || w.name?.trim() || null,
    phone: w.phone?.trim() || null,
    email: w.email?.trim().toLowerCase() || null,
    tags: [...(w.tags ?? [])],
    dnd: w.dnd === true,
    dndChannels,
    dateAdded: toIsoInstant(w.dateAdded),
    dateUpdated: toIsoInstant(w.dateUpdated),
    lastActivity: toIsoInstant(w.lastActivity),
  };
}
