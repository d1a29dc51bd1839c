/**
 * Which location an inbound text is for: the one whose `settings.conversations.smsNumbers` lists the
 * `To` number; else, when there is only one location, that one. Null when it cannot be told.
 */
import { locations } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';

export interface SmsLocation {
  id: string;
  settings: Record<string, unknown>;
}

export async function resolveSmsLocation(deps: Pick<ServiceDeps, 'db'>, o: { to: string }): Promise<SmsLocation | null> {
  const all = await deps.db.select({ id: locations.id, settings: locations.settings }).from(locations);
  const to = o.to.replace(/[^\d+]/g, '');
  const listed = all.find((l) => {
    const numbers = (l.settings?.conversations as { smsNumbers?: unknown } | undefined)?.smsNumbers;
    return Array.isArray(numbers) && numbers.some((n) => typeof n === 'string' && n.replace(/[^\d+]/g, '') === to);
  });
  if (listed) return listed;
  return all.length === 1 ? all[0]! : null;
}
