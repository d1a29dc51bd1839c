import type { MxCheckResult, MxChecker, MxStatus } from './interface.js';

/** In-memory checker for tests and offline demos: listed domains answer as told, the rest `unknown`. */
export function createFakeMxChecker(answers: Readonly<Record<string, MxStatus>> = {}): MxChecker & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async check(domain: string): Promise<MxCheckResult> {
      const d = domain.trim().toLowerCase();
      calls.push(d);
      return { domain: d, status: answers[d] ?? 'unknown', cached: false };
    },
  };
}
