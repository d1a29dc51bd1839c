import { ok, type AppFailure } from '../../lib/result.js';
import type { SkipTracePerson, SkipTraceProvider, SkipTraceRequest } from './interface.js';

export interface FakeSkipTraceProviderOptions {
  /** Persons to return per requestId; ids not listed come back unmatched. */
  persons?: Record<string, SkipTracePerson[]>;
  /** Fail every call with this failure (e.g. no balance). */
  fail?: AppFailure;
  maxBatch?: number;
}

/** An in-memory provider for service tests; records every batch it was given in `calls`. */
export function createFakeSkipTraceProvider(options: FakeSkipTraceProviderOptions = {}): SkipTraceProvider & { calls: SkipTraceRequest[][] } {
  const calls: SkipTraceRequest[][] = [];
  return {
    name: 'fake',
    matchesBy: 'address',
    maxBatch: options.maxBatch ?? 100,
    calls,
    async trace(batch) {
      calls.push(batch);
      if (options.fail) return { ok: false, error: options.fail };
      return ok(batch.map((r) => {
        const persons = options.persons?.[r.requestId] ?? [];
        return { requestId: r.requestId, matched: persons.length > 0, persons, provider: 'fake', billedUnits: persons.length > 0 ? 1 : 0, raw: null };
      }));
    },
  };
}
