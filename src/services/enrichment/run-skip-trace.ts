import { sql } from 'drizzle-orm';
import { coverage } from '../../adapters/skiptrace/coverage.js';
import type { SkipTraceProvider, SkipTraceRequest } from '../../adapters/skiptrace/interface.js';
import { traceAll } from '../../adapters/skiptrace/trace-all.js';
import type { Db } from '../../db/client.js';
import { runRows } from '../../db/sql/leads/run-sql.js';
import type { LeadContact } from '../../domain/leads/types.js';
import type { AppServices } from '../app-services.js';
import { buildScoringContext } from '../leads/build-scoring-context.js';
import type { LeadInput } from '../leads/lead-input.js';
import { storeLeadBatch } from '../leads/store-lead-batch.js';
import { ensureMarkets } from '../markets/ensure-markets.js';

export interface RunSkipTraceOptions {
  locationId: string;
  provider: SkipTraceProvider;
  /** At most this many properties (highest score first). */
  limit?: number;
  signal?: AbortSignal;
}

export interface SkipTraceReport {
  requested: number;
  matched: number;
  withPhone: number;
  withEmail: number;
  /** Share of requested properties that got at least one phone or email. */
  coverage: number;
}

interface Untraced {
  id: string;
  parcel_id: string | null;
  situs_address: string | null;
  situs_city: string | null;
  situs_state: string | null;
  situs_zip: string | null;
  owner_name: string | null;
  mailing_address: string | null;
  mailing_city: string | null;
  mailing_state: string | null;
  mailing_zip: string | null;
  source: string;
}

/**
 * Skip-traces the properties whose owners have no active phone or email yet (highest score first) and
 * stores what comes back as contact points of the owner's contact, tagged with the provider as source.
 * Results are matched by request id (the property id) or, for a CSV, by parcel id.
 */
export async function runSkipTrace(deps: Pick<AppServices, 'db' | 'clock' | 'config'>, options: RunSkipTraceOptions): Promise<SkipTraceReport> {
  const { locationId } = options;
  const rows = await runRows<Untraced>(
    deps.db,
    sql`select p.id, p.parcel_id, p.situs_address, p.situs_city, p.situs_state, p.situs_zip, p.owner_name, p.mailing_address, p.mailing_city, p.mailing_state, p.mailing_zip, p.source
        from properties p
        where p.location_id = ${locationId}
          and (p.situs_address is not null or p.parcel_id is not null)
          and not exists (
            select 1 from property_contacts pc join contact_points cp on cp.contact_id = pc.contact_id
            where pc.property_id = p.id and cp.status = 'active')
        order by p.score desc nulls last, p.id
        limit ${options.limit ?? 1_000_000}`,
  );
  const requests: SkipTraceRequest[] = rows.map((p) => ({
    requestId: p.id,
    ...(p.owner_name ? { ownerName: { full: p.owner_name } } : {}),
    propertyAddress: { street: p.situs_address ?? '', ...(p.situs_city ? { city: p.situs_city } : {}), ...(p.situs_state ? { state: p.situs_state } : {}), ...(p.situs_zip ? { zip: p.situs_zip } : {}) },
    ...(p.mailing_address ? { mailingAddress: { street: p.mailing_address, ...(p.mailing_city ? { city: p.mailing_city } : {}), ...(p.mailing_state ? { state: p.mailing_state } : {}), ...(p.mailing_zip ? { zip: p.mailing_zip } : {}) } } : {}),
    ...(p.parcel_id ? { apn: { county: '', state: p.situs_state ?? '', value: p.parcel_id } } : {}),
  }));
  const outcome = await traceAll({ provider: options.provider, requests, ...(options.signal ? { signal: options.signal } : {}) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inputs: LeadInput[] = [];
  for (const result of outcome.results) {
    const p = byId.get(result.requestId);
    if (!p || !result.matched) continue;
    const source = result.provider.startsWith('csv:') ? result.provider : options.provider.name;
    const contacts: LeadContact[] = [];
    for (const person of result.persons) {
      for (const ph of person.phones) if (!ph.litigator) contacts.push({ phone: ph.e164, lineType: ph.lineType, source, ...(ph.dnc ? { vendorDnc: true } : {}) });
      for (const e of person.emails) contacts.push({ email: e.address.toLowerCase(), source });
    }
    if (contacts.length === 0) continue;
    inputs.push({
      row: inputs.length + 1,
      property: {
        ...(p.parcel_id ? { parcelId: p.parcel_id } : {}),
        ...(p.owner_name ? { ownerName: p.owner_name } : {}),
        situs: { ...(p.situs_address ? { line1: p.situs_address } : {}), ...(p.situs_city ? { city: p.situs_city } : {}), ...(p.situs_state ? { state: p.situs_state } : {}), ...(p.situs_zip ? { zip: p.situs_zip } : {}) },
        mailing: { ...(p.mailing_address ? { line1: p.mailing_address } : {}), ...(p.mailing_city ? { city: p.mailing_city } : {}), ...(p.mailing_state ? { state: p.mailing_state } : {}), ...(p.mailing_zip ? { zip: p.mailing_zip } : {}) },
        source: p.source,
      },
      signals: {},
      contacts,
    });
  }
  if (inputs.length > 0) {
    const markets = await ensureMarkets(deps, { locationId, configDir: deps.config.configDir });
    const scoring = await buildScoringContext({ markets, configDir: deps.config.configDir });
    const now = deps.clock.now();
    for (let i = 0; i < inputs.length; i += deps.config.env.IMPORT_BATCH_SIZE) {
      const chunk = inputs.slice(i, i + deps.config.env.IMPORT_BATCH_SIZE);
      await deps.db.transaction(async (tx) => {
        await storeLeadBatch(tx as unknown as Db, { locationId, now, inputs: chunk, scoring });
      });
    }
  }
  const c = coverage(outcome.results, requests.length);
  return { requested: c.requested, matched: c.matched, withPhone: c.withPhone, withEmail: c.withEmail, coverage: c.ratio };
}
