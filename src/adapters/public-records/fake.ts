import { failure, ok } from '../../lib/result.js';
import type { PoliteFetcher } from './interface.js';

/** Serves canned pages by URL; anything else is a 404 `http_error`. For service tests. */
export function createFakePoliteFetcher(pages: Record<string, string>, fetchedAt = '2025-01-01T00:00:00.000Z'): PoliteFetcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async get(url) {
      calls.push(url);
      const body = pages[url];
      if (body === undefined) return failure('http_error', `no fake page at ${url}`, false, { status: 404 });
      return ok({ url, status: 200, body, fromCache: false, fetchedAt });
    },
  };
}
