import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { countSegments } from '../../domain/messages/count-segments.js';
import { SmsFailureCode, SmsSendRequestSchema, type SmsChannel, type SmsSendRequest, type SmsSendResult } from './interface.js';
import type { OutboxStore } from './outbox-store.js';
import { pickSender } from './pick-sender.js';
import { sandboxProviderId } from './sandbox-id.js';

export interface SandboxSmsOptions {
  outbox: OutboxStore;
  clock: Clock;
  /** Sender numbers to pick from (sticky per recipient, as with Twilio). Default a fictional 555 number. */
  fromNumbers?: readonly string[];
}

/**
 * The default SMS channel: nothing leaves the machine. Every message is recorded in the outbox and
 * answered with a stable `SB…` id; sending the same idempotency key again answers the first record.
 */
export function createSandboxSmsChannel(o: SandboxSmsOptions): SmsChannel {
  const pool = o.fromNumbers && o.fromNumbers.length > 0 ? o.fromNumbers : ['+15555550100'];
  return {
    name: 'sandbox',
    async send(msg: SmsSendRequest): Promise<Result<SmsSendResult, AppFailure>> {
      const parsed = SmsSendRequestSchema.safeParse(msg);
      if (!parsed.success) return failure(SmsFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const m = parsed.data;
      const from = m.from ?? pickSender(pool, m.to);
      const segments = countSegments(m.body).segments;
      const { entry } = await o.outbox.put({
        channel: 'sms',
        idempotencyKey: m.idempotencyKey,
        providerId: sandboxProviderId('sms', m.idempotencyKey),
        to: m.to,
        from,
        createdAt: o.clock.now(),
        payload: { body: m.body, segments, ...(m.validityPeriodSeconds === undefined ? {} : { validityPeriodSeconds: m.validityPeriodSeconds }) },
      });
      return ok({ providerMessageId: entry.providerId, from: entry.from, status: 'queued', segments: entry.payload.segments as number });
    },
  };
}
