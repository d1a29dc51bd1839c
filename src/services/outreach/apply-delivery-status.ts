/**
 * A provider's delivery report for a touch (Twilio status callbacks): the touch and its communication
 * move to delivered or failed; 21610 is an opt-out; an invalid number is marked; carrier filtering is
 * counted per sender number. Reports arrive out of order and more than once: a later state never goes
 * back (delivered stays delivered), and the same report twice changes nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { TwilioStatusUpdate } from '../../adapters/sms/twilio-status-callback.js';
import { SmsFailureCode } from '../../adapters/sms/interface.js';
import { communications, contactPoints, touches } from '../../db/schema/index.js';
import type { AppServices } from '../app-services.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import { trackCarrierFiltering } from './deliver-touch.js';

export interface DeliveryStatusResult {
  matched: boolean;
  touchId?: string;
  status?: string;
}

export async function applyDeliveryStatus(services: AppServices, provider: string, u: TwilioStatusUpdate): Promise<DeliveryStatusResult> {
  const [t] = await services.db.select().from(touches).where(and(eq(touches.provider, provider), eq(touches.providerMessageId, u.messageSid))).limit(1);
  if (!t) return { matched: false };
  const now = services.clock.now();
  if (u.status === 'delivered') {
    await services.db
      .update(touches)
      .set({ status: 'delivered', deliveredAt: now, updatedAt: now })
      .where(and(eq(touches.id, t.id), inArray(touches.status, ['sending', 'sent'])));
    await services.db.update(communications).set({ status: 'delivered' }).where(eq(communications.touchId, t.id));
    return { matched: true, touchId: t.id, status: 'delivered' };
  }
  if (u.status === 'undelivered' || u.status === 'failed') {
    const code = u.failure?.code ?? 'undelivered';
    const changed = await services.db
      .update(touches)
      .set({ status: 'failed', errorCode: code, errorMessage: u.failure?.message ?? `Twilio ${u.providerStatus}${u.errorCode ? ` (${u.errorCode})` : ''}`, updatedAt: now })
      .where(and(eq(touches.id, t.id), inArray(touches.status, ['sending', 'sent'])))
      .returning({ id: touches.id });
    await services.db.update(communications).set({ status: u.status }).where(eq(communications.touchId, t.id));
    if (changed.length > 0) {
      if (code === SmsFailureCode.RecipientOptedOut) {
        await optOutContact(services, { locationId: t.locationId, contactId: t.contactId, source: 'carrier_21610', channel: 'sms' });
      } else if (code === SmsFailureCode.InvalidRecipient || code === SmsFailureCode.UnknownDestination || code === SmsFailureCode.LandlineOrUnreachableCarrier) {
        await services.db
          .update(contactPoints)
          .set({ status: 'invalid', updatedAt: now })
          .where(and(eq(contactPoints.contactId, t.contactId), eq(contactPoints.value, t.toAddress)));
      } else if (code === SmsFailureCode.CarrierFiltering) {
        await trackCarrierFiltering(services, t.locationId, u.from);
      }
    }
    return { matched: true, touchId: t.id, status: 'failed' };
  }
  return { matched: true, touchId: t.id, status: t.status };
}
