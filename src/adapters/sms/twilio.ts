import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { SmsFailureCode, SmsSendRequestSchema, type SmsChannel, type SmsSendRequest, type SmsSendResult } from './interface.js';
import { pickSender } from './pick-sender.js';
import { callTwilio, createTwilioBreaker, type TwilioReliabilityOptions } from './twilio-call.js';
import { createTwilioClient, type CreateTwilioClientOptions, type TwilioClient } from './twilio-client.js';
import { normalizeTwilioStatus } from './twilio-status-callback.js';

/** Who the texts come from: a Messaging Service (Twilio picks, with its own sticky sender) or our pool. */
export type TwilioSender = { messagingServiceSid: string } | { numbers: readonly string[] };

export type TwilioSmsOptions = TwilioReliabilityOptions &
  (CreateTwilioClientOptions | { client: TwilioClient }) & {
    sender: TwilioSender;
  };

function priceUsd(price: unknown, unit: unknown): number | undefined {
  if (price === null || price === undefined || (unit !== undefined && unit !== null && String(unit).toUpperCase() !== 'USD')) return undefined;
  const n = Number(price);
  // Twilio reports charges as negative amounts ("-0.00790").
  return Number.isFinite(n) ? Math.abs(n) : undefined;
}

/**
 * SMS through the official Twilio SDK. A Messaging Service, or a number pool where each recipient keeps
 * one sticky sender (`pickSender`); `statusCallback` and `validityPeriod` pass through.
 *
 * @example
 * const sms = createTwilioSmsChannel({ accountSid, authToken, sender: { numbers: ['+14075550100'] },
 *   clock: systemClock });
 * const r = await sms.send({ to: '+13215550123', body: 'Hi…', idempotencyKey: 'c1:SMS_1:2026-01-05' });
 */
export function createTwilioSmsChannel(o: TwilioSmsOptions): SmsChannel {
  const client = 'client' in o ? o.client : createTwilioClient(o);
  const breaker = o.breaker ?? createTwilioBreaker({ clock: o.clock, name: 'sms:twilio', ...(o.onCircuitStateChange ? { onCircuitStateChange: o.onCircuitStateChange } : {}) });
  if ('numbers' in o.sender && o.sender.numbers.length === 0) throw new Error('createTwilioSmsChannel: the sender number pool is empty');
  const sender = o.sender;
  return {
    name: 'twilio',
    async send(msg: SmsSendRequest): Promise<Result<SmsSendResult, AppFailure>> {
      const parsed = SmsSendRequestSchema.safeParse(msg);
      if (!parsed.success) return failure(SmsFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const m = parsed.data;
      const route =
        m.from !== undefined ? { from: m.from } : 'messagingServiceSid' in sender ? { messagingServiceSid: sender.messagingServiceSid } : { from: pickSender(sender.numbers, m.to) };
      const r = await callTwilio({ ...o, breaker }, () =>
        client.messages.create({
          to: m.to,
          body: m.body,
          ...route,
          ...(m.statusCallbackUrl ? { statusCallback: m.statusCallbackUrl } : {}),
          ...(m.validityPeriodSeconds === undefined ? {} : { validityPeriod: m.validityPeriodSeconds }),
        }),
      );
      if (!r.ok) return r;
      const res = r.value;
      const segments = Number(res.numSegments);
      const price = priceUsd(res.price, res.priceUnit);
      return ok({
        providerMessageId: res.sid,
        from: res.from ?? ('from' in route ? route.from : route.messagingServiceSid),
        status: normalizeTwilioStatus(String(res.status)) ?? 'queued',
        ...(Number.isInteger(segments) && segments > 0 ? { segments } : {}),
        ...(price === undefined ? {} : { priceUsd: price }),
      });
    },
    async findSent(q) {
      // Twilio's list filters by To; newest first. A recovery looks at minutes-old messages, so one page is enough.
      const r = await callTwilio({ ...o, breaker, retries: 1 }, () => client.messages.list({ to: q.to, limit: 50 }));
      if (!r.ok) return r;
      const match = r.value.find((m) => m.body === q.body && m.direction === 'outbound-api' && m.dateCreated.getTime() >= q.since.getTime());
      if (!match) return ok(null);
      const segments = Number(match.numSegments);
      const price = priceUsd(match.price, match.priceUnit);
      return ok({
        providerMessageId: match.sid,
        from: match.from ?? match.messagingServiceSid ?? '',
        status: normalizeTwilioStatus(String(match.status)) ?? 'queued',
        ...(Number.isInteger(segments) && segments > 0 ? { segments } : {}),
        ...(price === undefined ? {} : { priceUsd: price }),
      });
    },
  };
}
