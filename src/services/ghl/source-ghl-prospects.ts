import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { GhlClient } from '../../adapters/crm-ghl/interface.js';
import type { Database } from '../../db/client.js';
import { contactPoints, contacts, prospects } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../app-services.js';
import { createContactsBatch } from '../contacts/create-contacts-batch.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import { mergeGhlProspects, toGhlProspect, type GhlProspect } from './to-ghl-prospect.js';

export type SourceGhlProspectsDeps = Pick<ServiceDeps, 'db' | 'clock' | 'keyRing'> & {
  database: Database;
  ghl: Pick<GhlClient, 'getContactsByPipelineStage' | 'getContactsInactiveSince'>;
};

export interface SourceGhlProspectsOptions {
  /** The Curb location the prospects belong to. */
  locationId: string;
  /** Pipeline stages to read (`SDR_PIPELINE_STAGE_IDS`); none → no pipeline sourcing. */
  stageIds?: readonly string[];
  /** Contacts without activity for this many days are stale leads (`SDR_STALE_AFTER_DAYS`, default 14); null → skip. */
  staleAfterDays?: number | null;
  /** Most contacts per stage and for the stale search (default 50, as seed 003's max_per_source). */
  maxPerSource?: number;
}

export interface SourcedProspect extends GhlProspect {
  /** Curb's contact id */
  contactId: string;
  /** true when this run created the Curb contact (else it was found by GoHighLevel id, phone or email) */
  created: boolean;
}

export interface SourceGhlProspectsReport {
  prospects: SourcedProspect[];
  /** Curb contact ids to enrol: every sourced prospect except those with DND in GoHighLevel or opted out in Curb. */
  contactIds: string[];
  created: number;
  skipped: Array<{ ghlContactId: string; reason: 'no_phone_or_email' | 'invalid_contact' | 'dnd' | 'opted_out'; detail?: string }>;
  /** Sources that failed (the others are still stored). */
  errors: Array<{ source: 'pipeline' | 'stale'; stageId?: string; code: string; message: string }>;
}

/** `SDR_PIPELINE_STAGE_IDS` as a list. */
export function parseStageIds(v: string | undefined): string[] {
  return [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
}

/**
 * Seed 003's ProspectSourcer for GoHighLevel: contacts in the configured pipeline stages and stale
 * contacts (no activity for 14 days) become Curb contacts (source `ghl`, linked by `ghl_contact_id`,
 * matched to an existing owner by GoHighLevel id, phone or email) and `prospects` rows (source `ghl`).
 * A contact with global DND in GoHighLevel is opted out in Curb too. Enrolment is the caller's: it gets
 * the contact ids. Running it again links and creates nothing twice.
 *
 * @example
 * const r = await sourceGhlProspects({ ...services, ghl: connection.client },
 *   { locationId, stageIds: parseStageIds(config.SDR_PIPELINE_STAGE_IDS), staleAfterDays: config.SDR_STALE_AFTER_DAYS });
 */
export async function sourceGhlProspects(deps: SourceGhlProspectsDeps, o: SourceGhlProspectsOptions): Promise<Result<SourceGhlProspectsReport, AppFailure>> {
  const max = o.maxPerSource ?? 50;
  const now = deps.clock.now();
  const found: GhlProspect[] = [];
  const errors: SourceGhlProspectsReport['errors'] = [];
  let attempted = 0;

  for (const stageId of o.stageIds ?? []) {
    attempted++;
    const r = await deps.ghl.getContactsByPipelineStage({ stageId, limit: max });
    if (r.ok) found.push(...r.value.map((c) => toGhlProspect(c, 'pipeline', stageId)));
    else errors.push({ source: 'pipeline', stageId, code: r.error.code, message: r.error.message });
  }
  const staleDays = o.staleAfterDays === undefined ? 14 : o.staleAfterDays;
  if (staleDays !== null) {
    attempted++;
    const r = await deps.ghl.getContactsInactiveSince({ since: new Date(now.getTime() - staleDays * 86_400_000), limit: max });
    if (r.ok) found.push(...r.value.map((c) => toGhlProspect(c, 'stale', null)));
    else errors.push({ source: 'stale', code: r.error.code, message: r.error.message });
  }
  if (attempted > 0 && errors.length === attempted) return failure(errors[0]!.code, `GoHighLevel sourcing failed: ${errors.map((e) => e.message).join('; ')}`, true, { errors });

  const skipped: SourceGhlProspectsReport['skipped'] = [];
  const usable = mergeGhlProspects(found).filter((p) => {
    if (p.phone || p.email) return true;
    skipped.push({ ghlContactId: p.ghlContactId, reason: 'no_phone_or_email' });
    return false;
  });
  const linked = await linkOrCreateContacts(deps, o.locationId, usable, skipped);

  const out: SourcedProspect[] = [];
  const contactIds: string[] = [];
  for (const p of usable) {
    const l = linked.get(p.ghlContactId);
    if (!l) continue;
    out.push({ ...p, contactId: l.contactId, created: l.created });
    if (p.dnd && !l.optOut) {
      // GoHighLevel's global DND is an opt-out the owner gave there: Curb must honour it as its own.
      await optOutContact(deps, { locationId: o.locationId, contactId: l.contactId, source: 'ghl_dnd', channel: null });
      l.optOut = true;
    }
    if (p.dnd || p.dndChannels.length > 0) skipped.push({ ghlContactId: p.ghlContactId, reason: 'dnd', detail: p.dnd ? 'all channels' : p.dndChannels.join(',') });
    else if (l.optOut) skipped.push({ ghlContactId: p.ghlContactId, reason: 'opted_out' });
    else contactIds.push(l.contactId);
  }
  if (out.length > 0) {
    await deps.db
      .insert(prospects)
      .values([...new Set(out.map((p) => p.contactId))].map((contactId) => ({ id: newId(), locationId: o.locationId, contactId, source: 'ghl', createdAt: now })))
      .onConflictDoNothing({ target: prospects.contactId });
  }
  return ok({ prospects: out, contactIds: [...new Set(contactIds)], created: out.filter((p) => p.created).length, skipped, errors });
}

interface Linked {
  contactId: string;
  created: boolean;
  optOut: boolean;
}

/** Finds each prospect's Curb contact (GoHighLevel id, then phone, then email) or creates it, and records the link. */
async function linkOrCreateContacts(deps: SourceGhlProspectsDeps, locationId: string, list: GhlProspect[], skipped: SourceGhlProspectsReport['skipped']): Promise<Map<string, Linked>> {
  const out = new Map<string, Linked>();
  if (list.length === 0) return out;
  const now = deps.clock.now();

  const byGhl = await deps.db
    .select({ id: contacts.id, ghlContactId: contacts.ghlContactId, optOut: contacts.optOut })
    .from(contacts)
    .where(and(eq(contacts.locationId, locationId), inArray(contacts.ghlContactId, list.map((p) => p.ghlContactId))));
  for (const c of byGhl) out.set(c.ghlContactId!, { contactId: c.id, created: false, optOut: c.optOut });

  const rest = list.filter((p) => !out.has(p.ghlContactId));
  const phones = rest.flatMap((p) => (p.phone ? [p.phone] : []));
  const emails = rest.flatMap((p) => (p.email ? [p.email] : []));
  const pointOwner = new Map<string, string>();
  if (phones.length + emails.length > 0) {
    const points = await deps.db
      .select({ contactId: contactPoints.contactId, kind: contactPoints.kind, value: contactPoints.value })
      .from(contactPoints)
      .where(
        and(
          eq(contactPoints.locationId, locationId),
          or(
            phones.length ? and(eq(contactPoints.kind, 'phone'), inArray(contactPoints.value, phones)) : undefined,
            emails.length ? and(eq(contactPoints.kind, 'email'), inArray(contactPoints.value, emails)) : undefined,
          ),
        ),
      );
    for (const p of points) pointOwner.set(`${p.kind}:${p.value}`, p.contactId);
  }
  const matched = new Map<string, string>();
  const toCreate: GhlProspect[] = [];
  // Two GoHighLevel contacts with one number or address are one owner: the later ones follow the first.
  const firstWith = new Map<string, string>();
  const followers = new Map<string, string>();
  for (const p of rest) {
    const id = (p.phone && pointOwner.get(`phone:${p.phone}`)) || (p.email && pointOwner.get(`email:${p.email}`));
    if (id) {
      matched.set(p.ghlContactId, id);
      continue;
    }
    const keys = [p.phone && `phone:${p.phone}`, p.email && `email:${p.email}`].filter((k): k is string => Boolean(k));
    const leader = keys.map((k) => firstWith.get(k)).find(Boolean);
    if (leader) {
      followers.set(p.ghlContactId, leader);
      continue;
    }
    for (const k of keys) firstWith.set(k, p.ghlContactId);
    toCreate.push(p);
  }

  if (matched.size > 0) {
    const rows = await deps.db
      .select({ id: contacts.id, optOut: contacts.optOut })
      .from(contacts)
      .where(and(eq(contacts.locationId, locationId), inArray(contacts.id, [...matched.values()])));
    const optOut = new Map(rows.map((r) => [r.id, r.optOut]));
    for (const [ghlContactId, contactId] of matched) {
      // An owner already linked to another GoHighLevel contact keeps that link (one owner, one conversation).
      await deps.db
        .update(contacts)
        .set({ ghlContactId, updatedAt: now })
        .where(and(eq(contacts.id, contactId), eq(contacts.locationId, locationId), isNull(contacts.ghlContactId)));
      out.set(ghlContactId, { contactId, created: false, optOut: optOut.get(contactId) ?? false });
    }
  }

  if (toCreate.length > 0) {
    const created = await createContactsBatch(deps, {
      locationId,
      inputs: toCreate.map((p) => ({
        ...(p.firstName ? { firstName: p.firstName } : {}),
        ...(p.lastName ? { lastName: p.lastName } : {}),
        ...(p.name && !p.firstName && !p.lastName ? { ownerName: p.name } : {}),
        ...(p.phone ? { phone: p.phone } : {}),
        ...(p.email ? { email: p.email } : {}),
        source: 'ghl',
        custom: { ghl: { contactId: p.ghlContactId, stageId: p.stageId, lastActivity: p.lastActivity } },
      })),
    });
    for (const e of created.errors) skipped.push({ ghlContactId: toCreate[e.index]!.ghlContactId, reason: 'invalid_contact', detail: `${e.field}: ${e.message}` });
    for (const [i, id] of created.ids.entries()) {
      if (!id) continue;
      const ghlContactId = toCreate[i]!.ghlContactId;
      await deps.db.update(contacts).set({ ghlContactId, updatedAt: now }).where(eq(contacts.id, id));
      out.set(ghlContactId, { contactId: id, created: true, optOut: false });
    }
    for (const [ghlContactId, leader] of followers) {
      const l = out.get(leader);
      if (l) out.set(ghlContactId, { ...l, created: false });
    }
  }
  return out;
}
