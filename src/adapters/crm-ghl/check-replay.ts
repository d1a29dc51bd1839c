import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { GhlEvent } from './interface.js';

/**
 * Records a delivery key and says whether it had been recorded before. It must be atomic (e.g.
 * `INSERT INTO webhook_events ... ON CONFLICT DO NOTHING RETURNING id` → seen = no row returned), so two
 * concurrent deliveries of one event cannot both pass.
 */
export type SeenWebhookIds = (key: string) => boolean | Promise<boolean>;

export interface CheckReplayOptions {
  event: GhlEvent;
  now: Date;
  /** How far the delivery's timestamp may be from `now`, either way (default 5 minutes). */
  windowMs?: number;
  seen: SeenWebhookIds;
}

export const ReplayFailureCode = {
  NoTimestamp: 'webhook_no_timestamp',
  OutsideWindow: 'webhook_outside_window',
  Duplicate: 'webhook_duplicate',
} as const;

/** The key a delivery is de-duplicated by: HighLevel's `webhookId`, else one derived from the event. */
export function webhookKeyOf(event: GhlEvent): string {
  if (event.webhookId) return `ghl:${event.webhookId}`;
  const entity = ((): string => {
    switch (event.type) {
      case 'InboundMessage':
      case 'OutboundMessage':
        return event.messageId ?? event.contactId;
      case 'ContactDndUpdate':
        return event.contactId;
      case 'AppointmentCreate':
        return event.appointment.id;
      case 'OpportunityStageUpdate':
        return `${event.opportunityId}:${event.pipelineStageId}`;
      case 'Unknown':
        return event.originalType;
    }
  })();
  return `ghl:${event.type}:${entity}:${event.timestamp ?? ''}`;
}

/**
 * Rejects replays: a delivery older (or newer) than the window, then one whose key was already seen.
 * The window is checked first so a stale delivery never takes a slot in the seen-ids store.
 * A duplicate is not an attack signal on its own (HighLevel retries), so the route should answer it 200.
 *
 * @example
 * const fresh = await checkReplay({ event, now: clock.now(), seen: (key) => store.markSeen(key) });
 * if (!fresh.ok) return fresh.error.code === 'webhook_duplicate' ? reply.code(200) : reply.code(401);
 */
export async function checkReplay({ event, now, windowMs = 5 * 60_000, seen }: CheckReplayOptions): Promise<Result<{ key: string }, AppFailure>> {
  if (!event.timestamp) return failure(ReplayFailureCode.NoTimestamp, `${event.type} webhook carries no timestamp`, false);
  const skew = Math.abs(now.getTime() - Date.parse(event.timestamp));
  if (!(skew <= windowMs)) {
    return failure(ReplayFailureCode.OutsideWindow, `${event.type} webhook timestamp ${event.timestamp} is ${Math.round(skew / 1000)} s from now (window ${windowMs / 1000} s)`, false, { timestamp: event.timestamp });
  }
  const key = webhookKeyOf(event);
  if (await seen(key)) return failure(ReplayFailureCode.Duplicate, `${event.type} webhook ${key} was already received`, false, { key });
  return ok({ key });
}
