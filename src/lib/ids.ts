import { randomBytes, randomFillSync } from 'node:crypto';
import { epochMs } from './clock.js';

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
  const o = poolOffset;
  poolOffset += 16;
  const ms = epochMs();
  const b = pool;
  b[o] = Math.floor(ms / 2 ** 40) & 0xff;
  b[o + 1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[o + 2] = (ms >>> 24) & 0xff;
  b[o + 3] = (ms >>> 16) & 0xff;
  b[o + 4] = (ms >>> 8) & 0xff;
  b[o + 5] = ms & 0xff;
  b[o + 6] = 0x70 | (b[o + 6]! & 0x0f);
  b[o + 8] = 0x80 | (b[o + 8]! & 0x3f);
  // Byte by byte from a table: bulk inserts make several ids a row, and Buffer#toString('hex') plus five slices cost twice as much.
  const h = HEX;
  return (
    h[b[o]!]! + h[b[o + 1]!]! + h[b[o + 2]!]! + h[b[o + 3]!]! + '-' + h[b[o + 4]!]! + h[b[o + 5]!]! + '-' + h[b[o + 6]!]! + h[b[o + 7]!]! + '-' +
    h[b[o + 8]!]! + h[b[o + 9]!]! + '-' + h[b[o + 10]!]! + h[b[o + 11]!]! + h[b[o + 12]!]! + h[b[o + 13]!]! + h[b[o + 14]!]! + h[b[o + 15]!]!
  );
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A URL-safe random token (API keys, unsubscribe tokens). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
