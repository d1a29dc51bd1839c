import { DrizzleQueryError } from 'drizzle-orm';

/**
 * What an import's `error` says about a failure. A failed statement comes wrapped by drizzle with the whole
 * statement and its parameters — a batch of owners' names and numbers, megabytes for a COPY fallback — so
 * the database's own message is kept instead.
 *
 * @example importErrorMessage(new DrizzleQueryError('insert …', […], new Error('No space left on device'))) // 'No space left on device'
 */
export function importErrorMessage(error: unknown): string {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
