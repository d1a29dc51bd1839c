import type { AppFailure } from '../../lib/result.js';
import type { SkipTraceProvider, SkipTraceRequest, SkipTraceResult, TraceOptions } from './interface.js';

export interface TraceAllOptions extends TraceOptions {
  provider: SkipTraceProvider;
  requests: SkipTraceRequest[];
}

export interface TraceAllOutcome {
  results: SkipTraceResult[];
  /** Batches that failed, with the request ids they held, so a person can decide whether to pay again. */
  failures: Array<{ requestIds: string[]; error: AppFailure }>;
}

/**
 * Splits a list into provider-sized batches and traces them one after another. A failed batch never
 * loses the results already paid for; a non-retryable failure (no balance, bad token) stops the run.
 */
export async function traceAll(options: TraceAllOptions): Promise<TraceAllOutcome> {
  const { provider, requests } = options;
  const outcome: TraceAllOutcome = { results: [], failures: [] };
  for (let i = 0; i < requests.length; i += provider.maxBatch) {
    const batch = requests.slice(i, i + provider.maxBatch);
    const r = await provider.trace(batch, { signal: options.signal });
    if (r.ok) {
      outcome.results.push(...r.value);
      continue;
    }
    outcome.failures.push({ requestIds: batch.map((b) => b.requestId), error: r.error });
    if (!r.error.retry) {
      const rest = requests.slice(i + provider.maxBatch);
      if (rest.length > 0) outcome.failures.push({ requestIds: rest.map((b) => b.requestId), error: { ...r.error, message: `not attempted: ${r.error.message}` } });
      break;
    }
  }
  return outcome;
}
