import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary keys are UUIDs made by the application (lib/ids) so batches need no round trip. */
export const pk = () => uuid('id').primaryKey();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
