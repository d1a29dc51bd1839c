/**
 * Seed 003's SDRAgent.run_prospecting_cycle: find prospects in the asked sources, give each a `prospects`
 * row and enrol it in the location's SDR campaign.
 * - `ghl_pipeline`: contacts in the GoHighLevel pipeline stages of SDR_PIPELINE_STAGE_IDS;
 * - `stale_lead`: GoHighLevel contacts without activity for SDR_STALE_AFTER_DAYS (14) days;
 * - `leads`: Curb's own scored leads — owners of properties in the given tiers, best score first, not yet
 *   prospects.
 * A source that fails (GoHighLevel down or not configured) is reported; the others still run.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, properties, propertyContacts, prospects } from '../../db/schema/index.js';
import type { AppServices } from '../app-services.js';
import { ghlConnectionFor } from '../ghl/ghl-location.js';
import { parseStageIds, sourceGhlProspects } from '../ghl/source-ghl-prospects.js';
import { enrollProspects, SequenceVariantSchema } from './enroll-prospects.js';

export const ProspectSourceSchema = z.enum(['ghl_pipeline', 'stale_lead', 'leads']);
export type ProspectSource = z.infer<typeof ProspectSourceSchema>;

export const SourceProspectsInputSchema = z
  .object({
    /** Default: the GoHighLevel sources when GoHighLevel is configured, else `leads`. */
    sources: z.array(ProspectSourceSchema).min(1).max(3).optional(),
    maxPerSource: z.number().int().min(1).max(1000).default(50),
    /** For `leads`: the property tiers to take (default A and B+). */
    tiers: z.array(z.enum(['A', 'B+', 'B', 'C', 'D'])).min(1).max(5).default(['A', 'B+']),
    sequenceVariant: SequenceVariantSchema.default('default'),
  })
  .strict();
export type SourceProspectsInput = z.input<typeof SourceProspectsInputSchema>;

export interface SourceReport {
  source: ProspectSource;
  found: number;
  /** Curb contact ids handed to enrolment. */
  contactIds: string[];
  created?: number;
  skipped?: Array<{ id: string; reason: string; detail?: string }>;
  error?: { code: string; message: string };
}

export interface SourceProspectsResult {
  campaignId: string | null;
  sequenceVariant: string;
  sources: SourceReport[];
  enrolled: number;
  alreadyEnrolled: number;
  skipped: Array<{ contactId: string; reason: string }>;
}

export async function sourceProspects(services: AppServices, o: { locationId: string; input: SourceProspectsInput }): Promise<SourceProspectsResult> {
  const input = SourceProspectsInputSchema.parse(o.input);
  const env = services.config.env;
  const ghl = await ghlConnectionFor(services, o.locationId);
  const sources = input.sources ?? (ghl.ok ? (['ghl_pipeline', 'stale_lead'] as const) : (['leads'] as const));
  const reports: SourceReport[] = [];

  const wantPipeline = sources.includes('ghl_pipeline');
  const wantStale = sources.includes('stale_lead');
  if (wantPipeline || wantStale) {
    const stageIds = wantPipeline ? parseStageIds(env.SDR_PIPELINE_STAGE_IDS) : [];
    const names: ProspectSource[] = [...(wantPipeline ? (['ghl_pipeline'] as const) : []), ...(wantStale ? (['stale_lead'] as const) : [])];
    if (!ghl.ok) {
      for (const source of names) reports.push({ source, found: 0, contactIds: [], error: { code: ghl.error.code, message: ghl.error.message } });
    } else if (wantPipeline && stageIds.length === 0 && !wantStale) {
      reports.push({ source: 'ghl_pipeline', found: 0, contactIds: [], error: { code: 'config_missing', message: 'ghl_pipeline needs SDR_PIPELINE_STAGE_IDS' } });
    } else {
      const r = await sourceGhlProspects({ ...services, ghl: ghl.value.client }, { locationId: o.locationId, stageIds, staleAfterDays: wantStale ? env.SDR_STALE_AFTER_DAYS : null, maxPerSource: input.maxPerSource });
      if (!r.ok) {
        for (const source of names) reports.push({ source, found: 0, contactIds: [], error: { code: r.error.code, message: r.error.message } });
      } else {
        const enrolable = new Set(r.value.contactIds);
        for (const source of names) {
          const kind = source === 'ghl_pipeline' ? 'pipeline' : 'stale';
          const mine = r.value.prospects.filter((p) => p.sources.includes(kind));
          const mineIds = new Set(mine.map((p) => p.ghlContactId));
          const err = r.value.errors.find((e) => e.source === kind);
          reports.push({
            source,
            found: mine.length,
            contactIds: [...new Set(mine.map((p) => p.contactId).filter((id) => enrolable.has(id)))],
            created: mine.filter((p) => p.created).length,
            skipped: r.value.skipped.filter((s) => mineIds.has(s.ghlContactId)).map((s) => ({ id: s.ghlContactId, reason: s.reason, ...(s.detail ? { detail: s.detail } : {}) })),
            ...(err ? { error: { code: err.code, message: err.message } } : {}),
          });
        }
        if (wantPipeline && stageIds.length === 0) {
          const rep = reports.find((x) => x.source === 'ghl_pipeline');
          if (rep) rep.error = { code: 'config_missing', message: 'ghl_pipeline needs SDR_PIPELINE_STAGE_IDS' };
        }
      }
    }
  }

  if (sources.includes('leads')) {
    const rows = await services.db
      .selectDistinctOn([contacts.id], { id: contacts.id, score: properties.score })
      .from(contacts)
      .innerJoin(propertyContacts, eq(propertyContacts.contactId, contacts.id))
      .innerJoin(properties, eq(properties.id, propertyContacts.propertyId))
      .leftJoin(prospects, eq(prospects.contactId, contacts.id))
      .where(and(eq(contacts.locationId, o.locationId), eq(contacts.optOut, false), inArray(properties.tier, input.tiers), isNull(prospects.id)))
      .orderBy(contacts.id, desc(properties.score));
    const best = rows.sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, input.maxPerSource);
    reports.push({ source: 'leads', found: best.length, contactIds: best.map((r) => r.id) });
  }

  const bySource = new Map<string, string[]>();
  for (const rep of reports) {
    const source = rep.source === 'leads' ? 'leads' : 'ghl';
    bySource.set(source, [...(bySource.get(source) ?? []), ...rep.contactIds]);
  }
  let campaignId: string | null = null;
  let enrolled = 0;
  let alreadyEnrolled = 0;
  const skipped: SourceProspectsResult['skipped'] = [];
  for (const [source, ids] of bySource) {
    // Enrolling zero contacts still makes the campaign, so the answer can name it.
    const r = await enrollProspects(services, { locationId: o.locationId, contactIds: ids, sequenceVariant: input.sequenceVariant, source });
    campaignId = r.campaignId;
    enrolled += r.enrolled;
    alreadyEnrolled += r.alreadyEnrolled;
    skipped.push(...r.skipped);
  }
  return { campaignId, sequenceVariant: input.sequenceVariant, sources: reports, enrolled, alreadyEnrolled, skipped };
}
