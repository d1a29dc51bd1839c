import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheEntry, CacheStore } from './interface.js';

/** A process-local cache; enough for one sync run and for tests. */
export function createMemoryCacheStore(): CacheStore {
  const map = new Map<string, CacheEntry>();
  return {
    get: async (key) => map.get(key),
    set: async (key, entry) => {
      map.set(key, entry);
    },
  };
}

/**
 * A folder of JSON files keyed by the SHA-256 of the cache key, so re-runs do not re-fetch pages a county
 * server already gave us. Writes go through a temp file and a rename so a crash never leaves half an entry.
 */
export function createFileCacheStore(options: { dir: string }): CacheStore {
  const pathOf = (key: string): string => join(options.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(pathOf(key), 'utf8')) as CacheEntry;
      } catch {
        return undefined;
      }
    },
    async set(key, entry) {
      await mkdir(options.dir, { recursive: true });
      const path = pathOf(key);
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(entry));
      await rename(tmp, path);
    },
  };
}
