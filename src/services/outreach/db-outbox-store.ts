/**
 * The sandbox outbox in the database: what the sandbox channels "sent", shown by the API and the
 * dashboard. `INSERT … ON CONFLICT DO NOTHING` on (channel, idempotency key) makes a resend after a crash
 * a no-op, so the sandbox is exactly-once across restarts and worker processes.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { OutboxChannel, OutboxEntry, OutboxStore } from '../../adapters/sms/outbox-store.js';
import type { Db } from '../../db/client.js';
import { sandboxOutbox } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';

type Row = typeof sandboxOutbox.$inferSelect;

const toEntry = (r: Row): OutboxEntry => ({
  channel: r.channel as OutboxChannel,
  idempotencyKey: r.idempotencyKey,
  providerId: r.providerId,
  to: r.toAddress,
  from: r.fromAddress,
  createdAt: r.createdAt,
  payload: r.payload,
});

export function createDbOutboxStore(db: Db): OutboxStore {
  return {
    async put(entry) {
      const inserted = await db
        .insert(sandboxOutbox)
        .values({
          id: newId(),
          channel: entry.channel,
          idempotencyKey: entry.idempotencyKey,
          providerId: entry.providerId,
          toAddress: entry.to,
          fromAddress: entry.from,
          payload: entry.payload,
          createdAt: entry.createdAt,
        })
        .onConflictDoNothing({ target: [sandboxOutbox.channel, sandboxOutbox.idempotencyKey] })
        .returning();
      if (inserted[0]) return { entry: toEntry(inserted[0]), duplicate: false };
      const [existing] = await db
        .select()
        .from(sandboxOutbox)
        .where(and(eq(sandboxOutbox.channel, entry.channel), eq(sandboxOutbox.idempotencyKey, entry.idempotencyKey)))
        .limit(1);
      if (!existing) throw new Error(`sandbox outbox: ${entry.channel} ${entry.idempotencyKey} conflicted but cannot be read`);
      return { entry: toEntry(existing), duplicate: true };
    },
    async list(filter) {
      const rows = await db
        .select()
        .from(sandboxOutbox)
        .where(filter?.channel ? eq(sandboxOutbox.channel, filter.channel) : sql`true`)
        .orderBy(asc(sandboxOutbox.createdAt), asc(sandboxOutbox.id));
      return rows.map(toEntry);
    },
  };
}
