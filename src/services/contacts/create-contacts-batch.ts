import type { Database } from '../../db/client.js';
import { type BulkContactRow, type BulkContactSlice, type BulkPointRow, insertContactsBulk } from '../../db/sql/insert-contacts-bulk.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { type ContactInput, ContactInputSchema } from './contact-schemas.js';
import { normalizeContactPhone } from './normalize-contact-phone.js';
import { parseContactInputFast } from './parse-contact-input-fast.js';

export interface CreateContactsBatchOptions {
  locationId: string;
  inputs: unknown[];
}

export interface BatchRowError {
  index: number;
  field: string;
  message: string;
}

export interface CreateContactsBatchResult {
  created: number;
  ids: Array<string | null>;
  errors: BatchRowError[];
}

/** Rows per transaction: one COPY per table, so the size is bounded only by memory. */
const CHUNK = 5000;
/** Rows validated and built before they are handed to the COPY: the server inserts one slice while the next is made. */
const SLICE = 500;

/**
 * Creates many contacts at once. Each row is validated on its own: a bad row is reported by index and
 * field, and the good rows are still created (one COPY per table, one transaction per chunk). Rows are
 * validated as the COPY consumes them, so the validation overlaps the server's inserts.
 */
export async function createContactsBatch(deps: Pick<ServiceDeps, 'clock'> & { database: Database }, options: CreateContactsBatchOptions): Promise<CreateContactsBatchResult> {
  const now = deps.clock.now();
  const errors: BatchRowError[] = [];
  const ids: Array<string | null> = new Array(options.inputs.length).fill(null);
  let created = 0;
  const { locationId, inputs } = options;

  /** Validates and builds the rows [from, to) slice by slice, recording errors and ids. */
  function* slices(from: number, to: number): Generator<BulkContactSlice> {
    for (let s = from; s < to; s += SLICE) {
      const rows: BulkContactRow[] = [];
      const points: BulkPointRow[] = [];
      for (let index = s; index < Math.min(to, s + SLICE); index++) {
        // The common well-formed row skips zod; anything else gets zod's verdict and wording.
        let input: ContactInput | undefined = parseContactInputFast(inputs[index]);
        if (input === undefined) {
          const parsed = ContactInputSchema.safeParse(inputs[index]);
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            errors.push({ index, field: issue.path.map(String).join('.') || '(row)', message: issue.message });
            continue;
          }
          input = parsed.data;
        }
        let phone: string | null;
        try {
          phone = input.phone ? normalizeContactPhone(input.phone) : null;
        } catch (e) {
          errors.push({ index, field: 'phone', message: e instanceof AppError ? e.message : String(e) });
          continue;
        }
        const email = input.email?.toLowerCase() ?? null;
        const source = input.source ?? 'api';
        const id = newId();
        rows.push({
          id,
          locationId,
          ownerName: input.ownerName ?? ([input.firstName, input.lastName].filter(Boolean).join(' ') || null),
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          phone,
          email,
          parcelId: input.parcelId ?? null,
          source,
          mailingAddress: input.mailingAddress ?? null,
          mailingCity: input.mailingCity ?? null,
          mailingState: input.mailingState?.toUpperCase() ?? null,
          mailingZip: input.mailingZip ?? null,
          timeZone: input.timeZone ?? null,
          tags: input.tags ?? [],
          custom: input.custom ?? {},
        });
        if (phone) points.push({ id: newId(), locationId, contactId: id, kind: 'phone', value: phone, source });
        if (email) points.push({ id: newId(), locationId, contactId: id, kind: 'email', value: email, source });
        ids[index] = id;
      }
      yield { rows, points };
    }
  }

  for (let start = 0; start < inputs.length; start += CHUNK) {
    const end = Math.min(inputs.length, start + CHUNK);
    created += await deps.database.transaction((tx) => insertContactsBulk(tx, slices(start, end), now));
  }
  return { created, ids, errors };
}
