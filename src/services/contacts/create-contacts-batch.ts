import type { Database } from '../../db/client.js';
import { type BulkContactRow, type BulkPointRow, insertContactsBulk } from '../../db/sql/insert-contacts-bulk.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { type ContactInput, ContactInputSchema } from './contact-schemas.js';
import { normalizeContactPhone } from './normalize-contact-phone.js';

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

/** Rows per transaction: one array parameter per column, so the size is bounded only by memory. */
const CHUNK = 5000;

/**
 * Creates many contacts at once. Each row is validated on its own: a bad row is reported by index and
 * field, and the good rows are still created (one statement per table, one transaction per chunk).
 */
export async function createContactsBatch(deps: Pick<ServiceDeps, 'clock'> & { database: Database }, options: CreateContactsBatchOptions): Promise<CreateContactsBatchResult> {
  const now = deps.clock.now();
  const errors: BatchRowError[] = [];
  const ids: Array<string | null> = new Array(options.inputs.length).fill(null);
  const good: Array<{ index: number; input: ContactInput; phone: string | null; email: string | null }> = [];
  options.inputs.forEach((raw, index) => {
    const parsed = ContactInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({ index, field: issue.path.map(String).join('.') || '(row)', message: issue.message });
      return;
    }
    try {
      const phone = parsed.data.phone ? normalizeContactPhone(parsed.data.phone) : null;
      good.push({ index, input: parsed.data, phone, email: parsed.data.email?.toLowerCase() ?? null });
    } catch (e) {
      errors.push({ index, field: 'phone', message: e instanceof AppError ? e.message : String(e) });
    }
  });

  for (let start = 0; start < good.length; start += CHUNK) {
    const chunk = good.slice(start, start + CHUNK);
    const rows: BulkContactRow[] = chunk.map(({ input, phone, email }) => ({
      id: newId(),
      locationId: options.locationId,
      ownerName: input.ownerName ?? ([input.firstName, input.lastName].filter(Boolean).join(' ') || null),
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      phone,
      email,
      parcelId: input.parcelId ?? null,
      source: input.source ?? 'api',
      mailingAddress: input.mailingAddress ?? null,
      mailingCity: input.mailingCity ?? null,
      mailingState: input.mailingState?.toUpperCase() ?? null,
      mailingZip: input.mailingZip ?? null,
      timeZone: input.timeZone ?? null,
      tags: input.tags ?? [],
      custom: input.custom ?? {},
    }));
    const points: BulkPointRow[] = rows.flatMap((r) => [
      ...(r.phone ? [{ id: newId(), locationId: r.locationId, contactId: r.id, kind: 'phone' as const, value: r.phone, source: r.source }] : []),
      ...(r.email ? [{ id: newId(), locationId: r.locationId, contactId: r.id, kind: 'email' as const, value: r.email, source: r.source }] : []),
    ]);
    await deps.database.transaction((tx) => insertContactsBulk(tx, rows, points, now));
    chunk.forEach((g, i) => (ids[g.index] = rows[i]!.id));
  }
  return { created: good.length, ids, errors };
}
