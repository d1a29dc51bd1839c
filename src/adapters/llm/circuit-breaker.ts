/**
 * The circuit breaker moved to `src/lib/circuit-breaker.ts` (every provider adapter uses it, not only
 * the LLM ones). This re-export keeps existing imports (e.g. the GoHighLevel adapter on main) working;
 * new code imports from lib.
 */
export * from '../../lib/circuit-breaker.js';
