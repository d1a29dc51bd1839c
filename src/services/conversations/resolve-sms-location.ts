/**
 * Which location an inbound text is for: the one whose `settings.conversations.smsNumbers` lists the
 * `To` number; else, when there is only one location, that one. Null when it cannot be told.
 * Read on every incoming text: one named prepared statement, no cache (a settings change counts at once).
 */
import type { Database } from '../../db/client.js';

export interface SmsLocation {
  id: string;
  settings: Record<string, unknown>;
}

export async function resolveSmsLocation(deps: { database: Pick<Database, 'executePrepared'> }, o: { to: string }): Promise<SmsLocation | null> {
  const all = (await deps.database.executePrepared<SmsLocation>('curb_select_location_settings', 'select id, settings from locations', [])).rows;
  const to = o.to.replace(/[^\d+]/g, '');
  const listed = all.find((l) => {
    const numbers = (l.settings?.conversations as { smsNumbers?: unknown } | undefined)?.smsNumbers;
    return Array.isArray(numbers) && numbers.some((n) => typeof n === 'string' && n.replace(/[^\d+]/g, '') === to);
  });
  if (listed) return listed;
  return all.length === 1 ? all[0]! : null;
}
