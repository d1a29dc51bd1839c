import { z } from 'zod';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { SmsDeliveryStatus } from './interface.js';
import { TRACKED_DELIVERY_CODES, twilioCodeFailure } from './twilio-errors.js';

/** The fields of Twilio's message status callback we use (form-encoded, PascalCase). */
export const TwilioStatusCallbackSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  // Older accounts send SmsStatus instead of (or beside) MessageStatus.
  MessageStatus: z.string().min(1).optional(),
  SmsStatus: z.string().min(1).optional(),
  ErrorCode: z.string().regex(/^\d+$/).optional(),
  To: z.string().min(1),
  From: z.string().min(1),
  AccountSid: z.string().optional(),
});

export interface TwilioStatusUpdate {
  messageSid: string;
  status: SmsDeliveryStatus;
  /** Twilio's own word, kept for the record (e.g. `sending`, `read`, `canceled`). */
  providerStatus: string;
  errorCode?: number;
  /** Our failure for `errorCode` (e.g. 30007 → carrier_filtering, 21610 → recipient_opted_out). */
  failure?: AppFailure;
  to: string;
  from: string;
}

const STATUS_MAP: Record<string, SmsDeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  partially_delivered: 'undelivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

/** Normalises Twilio's status vocabulary to ours; unknown words are undefined. */
export function normalizeTwilioStatus(s: string): SmsDeliveryStatus | undefined {
  return STATUS_MAP[s.toLowerCase()];
}

/**
 * Parses a status callback body (the raw form string or the parsed fields). Verify the signature first
 * (`verifyTwilioSignature`) — this only checks shape.
 *
 * @example
 * const r = parseTwilioStatusCallback('MessageSid=SM…&MessageStatus=undelivered&ErrorCode=30007&To=…&From=…');
 */
export function parseTwilioStatusCallback(formBody: string | Record<string, string | undefined>): Result<TwilioStatusUpdate, AppFailure> {
  const fields = typeof formBody === 'string' ? Object.fromEntries(new URLSearchParams(formBody)) : formBody;
  const parsed = TwilioStatusCallbackSchema.safeParse(fields);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return failure('invalid_callback', `status callback: ${i.path.join('.') || '(body)'}: ${i.message}`, false);
  }
  const f = parsed.data;
  const providerStatus = f.MessageStatus ?? f.SmsStatus;
  if (providerStatus === undefined) return failure('invalid_callback', 'status callback: MessageStatus: missing', false);
  const status = normalizeTwilioStatus(providerStatus);
  if (status === undefined) return failure('invalid_callback', `status callback: MessageStatus: unknown status "${providerStatus}"`, false);
  const errorCode = f.ErrorCode === undefined ? undefined : Number(f.ErrorCode);
  return ok({
    messageSid: f.MessageSid,
    status,
    providerStatus,
    ...(errorCode === undefined ? {} : { errorCode, failure: twilioCodeFailure(errorCode) }),
    to: f.To,
    from: f.From,
  });
}

export interface CarrierErrorTracker {
  /** Counts the update's error code against its sender when it is a tracked code (30003/5/6/7). */
  record(update: Pick<TwilioStatusUpdate, 'from' | 'errorCode'>): void;
  /** 30007 (carrier filtering) count per sender number: a rising count means the number is burning. */
  carrierFilteringByFrom(): Record<string, number>;
  /** Every tracked code per sender: `{ '+1407…': { 30007: 2, 30003: 1 } }`. */
  countsByFrom(): Record<string, Record<number, number>>;
}

/**
 * In-process counts of delivery errors by sender, for alerts and for resting a filtered number. The
 * scheduler may persist the same counts; this is the logic, not the storage.
 */
export function createCarrierErrorTracker(): CarrierErrorTracker {
  const counts = new Map<string, Map<number, number>>();
  return {
    record({ from, errorCode }) {
      if (errorCode === undefined || !TRACKED_DELIVERY_CODES.has(errorCode)) return;
      const byCode = counts.get(from) ?? new Map<number, number>();
      byCode.set(errorCode, (byCode.get(errorCode) ?? 0) + 1);
      counts.set(from, byCode);
    },
    carrierFilteringByFrom() {
      const out: Record<string, number> = {};
      for (const [from, byCode] of counts) {
        const n = byCode.get(30007);
        if (n) out[from] = n;
      }
      return out;
    },
    countsByFrom() {
      const out: Record<string, Record<number, number>> = {};
      for (const [from, byCode] of counts) out[from] = Object.fromEntries(byCode);
      return out;
    },
  };
}
