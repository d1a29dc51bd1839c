/**
 * Where the sandbox channels (SMS, email, voicemail) put what they would have sent. One store serves all
 * three channels. The in-memory store is for tests and the demo; the scheduler owner provides a
 * database-backed one (a table with a unique (channel, idempotency_key) and `INSERT … ON CONFLICT DO
 * NOTHING`), which is what makes the sandbox idempotent across restarts.
 */
export type OutboxChannel = 'sms' | 'email' | 'voice';

export interface OutboxEntry {
  channel: OutboxChannel;
  /** Unique per channel: recording the same key twice keeps the first entry. */
  idempotencyKey: string;
  /** `SB…` id answered to the caller, stable for a given channel + key. */
  providerId: string;
  to: string;
  from: string;
  createdAt: Date;
  /** Channel-specific content (SMS body and segments; email subject, text, headers; voicemail script). */
  payload: Record<string, unknown>;
}

export interface OutboxStore {
  /**
   * Records `entry` unless one with the same channel and idempotency key exists; answers the stored
   * entry and whether it was already there.
   */
  put(entry: OutboxEntry): Promise<{ entry: OutboxEntry; duplicate: boolean }>;
  /** Entries in the order they were recorded, optionally of one channel. */
  list(filter?: { channel?: OutboxChannel }): Promise<OutboxEntry[]>;
}

export interface MemoryOutboxStore extends OutboxStore {
  /** Synchronous view for assertions. */
  readonly entries: readonly OutboxEntry[];
  clear(): void;
}

export function createMemoryOutboxStore(): MemoryOutboxStore {
  const entries: OutboxEntry[] = [];
  const byKey = new Map<string, OutboxEntry>();
  return {
    entries,
    put(entry) {
      const key = `${entry.channel}\u0000${entry.idempotencyKey}`;
      const existing = byKey.get(key);
      if (existing) return Promise.resolve({ entry: existing, duplicate: true });
      byKey.set(key, entry);
      entries.push(entry);
      return Promise.resolve({ entry, duplicate: false });
    },
    list(filter) {
      return Promise.resolve(entries.filter((e) => filter?.channel === undefined || e.channel === filter.channel));
    },
    clear() {
      entries.length = 0;
      byKey.clear();
    },
  };
}
