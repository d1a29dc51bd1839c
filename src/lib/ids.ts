import { randomBytes, randomFillSync } from 'node:crypto';
import { systemClock } from './clock.js';

const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

/**
 * Primary keys are UUIDv7 (RFC 9562) made by the application, so batch inserts need no round trip and,
 * being ordered by creation time, land on the right-hand pages of every B-tree index that holds them
 * (primary keys and the foreign-key probes of child rows) instead of on random pages.
 * The timestamp is only for ordering; business time always comes from the injected clock.
 */
export function newId(): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  const ms = systemClock.now().getTime();
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A URL-safe random token (API keys, unsubscribe tokens). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
