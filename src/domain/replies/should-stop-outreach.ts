/**
 * Seed 003's `should_opt_out(objection)`: only a refusal ends the sequence. An agent, a price gap,
 * a "not now" or a question are objections to answer or to nurture, not a "no".
 */
import type { Objection } from './objection.js';

export function shouldStopOutreach(objection: Objection | null): boolean {
  return objection === 'not_interested';
}
