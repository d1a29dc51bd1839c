/**
 * Which location an inbound text is for: the one whose `settings.conversations.smsNumbers` lists the
 * `To` number; else, when there is only one location, that one. Null when it cannot be told. The webhook
 * reads the locations with the sender on every text (db/sql/conversations/select-inbound-senders), with
 * no cache: a settings change counts at once.
 */
export interface SmsLocation {
  id: string;
  settings: Record<string, unknown>;
}

export function resolveSmsLocation<L extends SmsLocation>(o: { locations: readonly L[]; to: string }): L | null {
  const to = o.to.replace(/[^\d+]/g, '');
  const listed = o.locations.find((l) => {
    const numbers = (l.settings?.conversations as { smsNumbers?: unknown } | undefined)?.smsNumbers;
    return Array.isArray(numbers) && numbers.some((n) => typeof n === 'string' && n.replace(/[^\d+]/g, '') === to);
  });
  if (listed) return listed;
  return o.locations.length === 1 ? o.locations[0]! : null;
}
