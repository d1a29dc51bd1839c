import { createHash } from 'node:crypto';

function weight(sender: string, recipient: string): bigint {
  return createHash('sha256').update(`${sender}|${recipient}`).digest().readBigUInt64BE(0);
}

/**
 * The sticky sender for a recipient: the same owner always hears from the same number, so replies land
 * in one thread and carriers see a consistent conversation. Rendezvous (highest-random-weight) hashing:
 * each pool number gets a stable pseudo-random weight per recipient and the highest wins, so adding or
 * removing one number only moves the recipients that number gains or loses — everyone else keeps theirs.
 * Pure and order-independent (the pool order does not matter).
 *
 * @example
 * pickSender(['+14075550100', '+14075550101'], '+13215550123') // always the same one of the two
 */
export function pickSender(pool: readonly string[], recipient: string): string {
  if (pool.length === 0) throw new Error('pickSender: the sender pool is empty');
  let best = pool[0]!;
  let bestWeight = -1n;
  for (const sender of pool) {
    const w = weight(sender, recipient);
    if (w > bestWeight || (w === bestWeight && sender < best)) {
      best = sender;
      bestWeight = w;
    }
  }
  return best;
}
