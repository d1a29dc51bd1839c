import type { PropertyRecord } from '../../db/sql/leads/property-columns.js';
import { propertyCopyLine } from '../../db/sql/leads/write-properties.js';
import type { LeadContact } from '../../domain/leads/types.js';
import { TurnBudget } from '../../lib/turn-budget.js';
import type { LeadInput, ScoringContext } from './lead-input.js';
import { mergeRecords, scoreOf, toRecord, type ScorePatch } from './lead-records.js';

export interface PrepareLeadBatchOptions {
  locationId: string;
  now: Date;
  inputs: readonly LeadInput[];
  scoring: ScoringContext;
  /** Also write each property's COPY line as if it were new (PostgreSQL, where the batch is stored by COPY). */
  copyLines?: boolean;
}

/** One property of a batch, as the batch alone knows it: the rows naming it merged, scored as if new. */
export interface PreparedProperty {
  /** Not scored: a stored property is merged with this and scored again. */
  record: PropertyRecord;
  inputs: LeadInput[];
  /** The score of `record` as it stands, for when it turns out to be new. */
  asNew: ScorePatch;
  /** The stored value (E.164 phone, lowercased email) of each contact of each input: `pointValues[i][j]` is `inputs[i].contacts[j]`'s. */
  pointValues: string[][];
  /** `record` with `asNew`, as a line of `COPY properties`, when `copyLines` was asked for. */
  line?: Buffer;
}

export interface PreparedLeadBatch {
  /** By identity (`p:<parcel id>` or `s:<situs key>`), in order of first appearance. */
  incoming: Map<string, PreparedProperty>;
  /** The identity of each input, in input order; null for an input without one. */
  identityOf: Array<string | null>;
  /** `row` of each input with neither a parcel id nor a situs that names a street: not stored. */
  unidentified: number[];
  now: Date;
}

// Milliseconds of work between two turns of the event loop: a batch is prepared while the previous one is in
// the database, and the answers to that batch's statements must not wait long for the next turn.
const SLICE_MS = 1;

/**
 * The part of storing a batch that needs no database: records, merges of a property named twice, scores
 * and COPY lines, all as if every property were new. An import runs it for the next batch while the
 * current one is being written, so the client's work and the server's overlap; `storeLeadBatch` then
 * only corrects the properties that turn out to be stored already.
 */
export async function prepareLeadBatch(options: PrepareLeadBatchOptions): Promise<PreparedLeadBatch> {
  const incoming = new Map<string, PreparedProperty>();
  const identityOf: Array<string | null> = [];
  const unidentified: number[] = [];
  const { inputs } = options;
  const scoring = { scoring: options.scoring, now: options.now };
  const stamp = options.now.toISOString();
  const finish = (p: PreparedProperty): void => {
    p.asNew = scoreOf(p.record, scoring);
    if (options.copyLines) p.line = propertyCopyLine(options.locationId, stamp, p.record, p.asNew);
  };
  // Scored as each row is read (its address lines are then fresh in normalizeAddress's memory); a property
  // named again later in the batch is scored again once merged.
  const remerged = new Set<PreparedProperty>();
  const budget = new TurnBudget(SLICE_MS);
  for (let i = 0; i < inputs.length; i++) {
    if (budget.spent()) await budget.turn();
    const input = inputs[i]!;
    const record = toRecord(input, options.scoring);
    if (!record.parcel_id && !record.situs_key) {
      // A list row like this is skipped when it is read (`mapRow`); from elsewhere it would share the key of every
      // other one and collect them all into one property.
      identityOf.push(null);
      unidentified.push(input.row);
      continue;
    }
    const identity = record.parcel_id ? `p:${String(record.parcel_id)}` : `s:${String(record.situs_key)}`;
    identityOf.push(identity);
    const seen = incoming.get(identity);
    if (seen) {
      seen.record = mergeRecords(seen.record, record);
      seen.inputs.push(input);
      seen.pointValues.push(input.contacts.map(pointValue));
      remerged.add(seen);
    } else {
      const p: PreparedProperty = { record, inputs: [input], pointValues: [input.contacts.map(pointValue)], asNew: undefined as unknown as ScorePatch };
      finish(p);
      incoming.set(identity, p);
    }
  }
  for (const p of remerged) finish(p);
  return { incoming, identityOf, unidentified, now: options.now };
}

/** How a contact point is stored and matched: the E.164 phone, or the email lowercased. */
export const pointValue = (c: LeadContact): string => (c.phone ? c.phone : c.email!.toLowerCase());
