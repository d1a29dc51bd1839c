import { sql } from 'drizzle-orm';
import { coverage } from '../../adapters/skiptrace/coverage.js';
import type { ParsedSkipTraceCsv } from '../../adapters/skiptrace/csv-results.js';
import type { SkipTraceProvider, SkipTraceRequest, SkipTraceResult } from '../../adapters/skiptrace/interface.js';
import { traceAll } from '../../adapters/skiptrace/trace-all.js';
import type { Db } from '../../db/client.js';
import { costs } from '../../db/schema/index.js';
import { runRows } from '../../db/sql/leads/run-sql.js';
import { selectPropertiesByIdentity } from '../../db/sql/leads/select-properties-by-identity.js';
import { selectContactPointsByValue } from '../../db/sql/leads/write-contacts.js';
import { normalizeParcelId } from '../../domain/leads/normalize-parcel-id.js';
import type { LeadContact } from '../../domain/leads/types.js';
import { newId } from '../../lib/ids.js';
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
  /**
   * What the vendor charges per billed match, in dollars. Each property the provider billed becomes a
   * `skiptrace` row of the costs ledger (units = billed matches), attributed to the property's owner, so ROI,
   * cost per lead and the market / tier filters count it. Default 0: the matches are recorded at no cost.
   */
  pricePerMatchUsd?: number;
  signal?: AbortSignal;
  /**
   * The rows of the results file behind a CSV provider (what `parseSkipTraceCsv` read): the report then accounts
   * for every row, also those the trace never asks about (`unknownParcels`, `nothingNew`).
   */
  upload?: Pick<ParsedSkipTraceCsv, 'rows'>;
}

export interface SkipTraceReport {
  requested: number;
  matched: number;
  withPhone: number;
  withEmail: number;
  /** Share of requested properties that got at least one phone or email. */
  coverage: number;
  /** Matches the provider billed, and what they cost at `pricePerMatchUsd` (both in the costs ledger). */
  billedUnits: number;
  costUsd: number;
  /** Properties this provider cannot search for (an address search and no street), not sent. */
  unsearchable: number;
  /** Requests whose batch failed (no balance, a bad token, a timeout…): not traced, or traced without an answer. */
  failed: number;
  errors: Array<{ code: string; message: string; requests: number }>;
  /** With `upload`: rows of the results file whose parcel id is no property of this location (nothing is stored for them). */
  unknownParcels?: number;
  /** Their row numbers (the header is row 1, as in the file's error messages), the first UNKNOWN_ROWS_LISTED. */
  unknownParcelRows?: number[];
  /**
   * With `upload`: rows for a known parcel that stored no new phone or email — the owner already had an active one
   * (such properties are not traced), the property was past `limit`, or every number and email of the row was
   * stored already (for this owner or another, or on an earlier row of the file).
   */
  nothingNew?: number;
}

/** How many row numbers of unknown parcels the report lists; the count is always whole. */
export const UNKNOWN_ROWS_LISTED = 100;

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
 * Results are matched by request id (the property id) or, for a CSV, by parcel id; with the CSV's rows (`upload`)
 * the report also counts the rows that matched no property and those that added nothing new.
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
  // An address search needs a street: a parcel synced without its situs cannot be sent (and would fail its batch).
  const searchable = options.provider.matchesBy === 'address' ? rows.filter((p) => p.situs_address?.trim()) : rows;
  const requests: SkipTraceRequest[] = searchable.map((p) => ({
    requestId: p.id,
    ...(p.owner_name ? { ownerName: { full: p.owner_name } } : {}),
    propertyAddress: { street: p.situs_address ?? '', ...(p.situs_city ? { city: p.situs_city } : {}), ...(p.situs_state ? { state: p.situs_state } : {}), ...(p.situs_zip ? { zip: p.situs_zip } : {}) },
    ...(p.mailing_address ? { mailingAddress: { street: p.mailing_address, ...(p.mailing_city ? { city: p.mailing_city } : {}), ...(p.mailing_state ? { state: p.mailing_state } : {}), ...(p.mailing_zip ? { zip: p.mailing_zip } : {}) } } : {}),
    ...(p.parcel_id ? { apn: { county: '', state: p.situs_state ?? '', value: p.parcel_id } } : {}),
  }));
  const outcome = await traceAll({ provider: options.provider, requests, ...(options.signal ? { signal: options.signal } : {}) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inputs: LeadInput[] = [];
  // The result each input came from: its cost row is written with the numbers it brought.
  const tracedBy: SkipTraceResult[] = [];
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
    tracedBy.push(result);
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
  // Before storing: which of the file's numbers are somebody's already, so a row is credited only with what it added.
  const accounting = options.upload ? await accountUpload(deps.db, { locationId, upload: options.upload, traced: inputs }) : undefined;
  const now = deps.clock.now();
  const price = options.pricePerMatchUsd ?? 0;
  const spent: CostSum = { billedUnits: 0, micros: 0 };
  const add = (s: CostSum): void => {
    spent.billedUnits += s.billedUnits;
    spent.micros += s.micros;
  };
  if (inputs.length > 0) {
    const markets = await ensureMarkets(deps, { locationId, configDir: deps.config.configDir });
    const scoring = await buildScoringContext({ markets, configDir: deps.config.configDir });
    for (let i = 0; i < inputs.length; i += deps.config.env.IMPORT_BATCH_SIZE) {
      const chunk = inputs.slice(i, i + deps.config.env.IMPORT_BATCH_SIZE);
      // The numbers and what they cost are stored together.
      await deps.db.transaction(async (tx) => {
        await storeLeadBatch(tx as unknown as Db, { locationId, now, inputs: chunk, scoring });
        add(await recordCosts(tx as unknown as Db, { locationId, now, results: tracedBy.slice(i, i + chunk.length), pricePerMatchUsd: price }));
      });
    }
  }
  // Billed without anything to store (no match the vendor still charged for, only litigator numbers).
  const stored = new Set(tracedBy);
  add(await recordCosts(deps.db, { locationId, now, results: outcome.results.filter((r) => !stored.has(r) && byId.has(r.requestId)), pricePerMatchUsd: price }));
  const c = coverage(outcome.results, requests.length);
  const errors = outcome.failures.map((f) => ({ code: f.error.code, message: f.error.message, requests: f.requestIds.length }));
  return {
    requested: c.requested,
    matched: c.matched,
    withPhone: c.withPhone,
    withEmail: c.withEmail,
    coverage: c.ratio,
    billedUnits: spent.billedUnits,
    costUsd: spent.micros / 100_000,
    unsearchable: rows.length - searchable.length,
    failed: errors.reduce((n, e) => n + e.requests, 0),
    errors,
    ...(accounting ?? {}),
  };
}

/**
 * Sorts the rows of a results file: a parcel id that is no property of the location is an unknown parcel; a known
 * parcel's row adds something new when its property is traced in this run (`traced`, the inputs about to be stored)
 * and one of its values is nobody's point yet nor an earlier row's; every other known row added nothing new.
 */
async function accountUpload(
  db: Db,
  options: { locationId: string; upload: Pick<ParsedSkipTraceCsv, 'rows'>; traced: readonly LeadInput[] },
): Promise<Required<Pick<SkipTraceReport, 'unknownParcels' | 'unknownParcelRows' | 'nothingNew'>>> {
  const { locationId, upload } = options;
  const parcelIds = [...new Set(upload.rows.map((r) => r.parcelId))];
  const known = new Set((await selectPropertiesByIdentity(db, { locationId, parcelIds, situsKeys: [] })).map((p) => normalizeParcelId(String(p.parcel_id))));
  const traced = new Set(options.traced.flatMap((i) => (i.property.parcelId ? [normalizeParcelId(i.property.parcelId)] : [])));
  const values = [...new Set(upload.rows.flatMap((r) => (traced.has(r.parcelId) ? r.values : [])))];
  const taken = new Set((await selectContactPointsByValue(db, { locationId, values })).map((p) => p.value));
  const out = { unknownParcels: 0, unknownParcelRows: [] as number[], nothingNew: 0 };
  for (const row of upload.rows) {
    if (!known.has(row.parcelId)) {
      out.unknownParcels++;
      if (out.unknownParcelRows.length < UNKNOWN_ROWS_LISTED) out.unknownParcelRows.push(row.row);
      continue;
    }
    let added = false;
    if (traced.has(row.parcelId)) {
      for (const v of row.values) {
        if (taken.has(v)) continue;
        taken.add(v);
        added = true;
      }
    }
    if (!added) out.nothingNew++;
  }
  return out;
}

const COST_CHUNK = 1_000;

/** Billed matches, and their cost in 1/100,000 dollars (the ledger's scale), so sums stay exact. */
interface CostSum {
  billedUnits: number;
  micros: number;
}

/**
 * One `skiptrace` cost row per property the provider billed (the results of a failed batch never arrive, so
 * they are not counted), on the property's owner when it has one: the contact the traced numbers went to, or
 * the one it had.
 */
async function recordCosts(db: Db, options: { locationId: string; now: Date; results: readonly SkipTraceResult[]; pricePerMatchUsd: number }): Promise<CostSum> {
  const billed = options.results.filter((r) => r.billedUnits > 0);
  if (billed.length === 0) return { billedUnits: 0, micros: 0 };
  const owners = new Map(
    (
      await runRows<{ property_id: string; contact_id: string }>(
        db,
        sql`select distinct on (pc.property_id) pc.property_id, pc.contact_id
            from property_contacts pc
            where pc.property_id in (select jsonb_array_elements_text(${JSON.stringify(billed.map((r) => r.requestId))}::jsonb)::uuid)
            order by pc.property_id, (pc.role = 'owner') desc, pc.contact_id`,
      )
    ).map((r) => [r.property_id, r.contact_id]),
  );
  const sum: CostSum = { billedUnits: 0, micros: 0 };
  const rows = billed.map((r) => {
    const micros = Math.round(r.billedUnits * options.pricePerMatchUsd * 100_000);
    sum.billedUnits += r.billedUnits;
    sum.micros += micros;
    return {
      id: newId(),
      locationId: options.locationId,
      kind: 'skiptrace',
      amountUsd: (micros / 100_000).toFixed(5),
      units: String(r.billedUnits),
      unitLabel: 'matches',
      contactId: owners.get(r.requestId) ?? null,
      meta: { provider: r.provider, propertyId: r.requestId },
      occurredAt: options.now,
    };
  });
  for (let i = 0; i < rows.length; i += COST_CHUNK) await db.insert(costs).values(rows.slice(i, i + COST_CHUNK));
  return sum;
}
