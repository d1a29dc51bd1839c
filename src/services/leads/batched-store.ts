import type { Db } from '../../db/client.js';
import type { AppServices } from '../app-services.js';
import type { LeadInput, ScoringContext } from './lead-input.js';
import { storeLeadBatch } from './store-lead-batch.js';

export interface BatchedStore {
  /** Adds a record; a full batch is stored (one transaction) before this resolves. */
  push(input: LeadInput): Promise<void>;
  /** Stores what is left. */
  flush(): Promise<void>;
  /** New and changed properties so far. */
  readonly counts: { imported: number; updated: number };
}

/**
 * Records from a source that streams them (a county layer, an MLS feed) stored `IMPORT_BATCH_SIZE` at a time,
 * each batch in its own transaction: an interrupted sync keeps the batches it stored, and a re-run changes
 * nothing. `onStored` runs after each batch commits.
 */
export function batchedStore(
  deps: Pick<AppServices, 'db' | 'clock' | 'config'>,
  options: { locationId: string; scoring: ScoringContext; onStored?: () => void },
): BatchedStore {
  const counts = { imported: 0, updated: 0 };
  let batch: LeadInput[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const inputs = batch;
    batch = [];
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      const r = await storeLeadBatch(tx as unknown as Db, { locationId: options.locationId, now, inputs, scoring: options.scoring });
      counts.imported += r.imported;
      counts.updated += r.updated;
    });
    options.onStored?.();
  };
  return {
    counts,
    flush,
    async push(input) {
      batch.push(input);
      if (batch.length >= deps.config.env.IMPORT_BATCH_SIZE) await flush();
    },
  };
}
