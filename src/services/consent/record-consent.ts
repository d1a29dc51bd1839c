import { and, eq, inArray } from 'drizzle-orm';
import { consentEvents, contactPoints, contacts, leadStatuses, suppressions } from '../../db/schema/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import { normalizeSuppressionValue } from '../suppressions/normalize-suppression-value.js';
import { type ConsentEvent, type ConsentInput, ConsentInputSchema } from './consent-schemas.js';
import { toConsentEvent } from './to-consent-event.js';

export interface RecordConsentOptions {
  locationId: string;
  contactId: string;
  input: ConsentInput;
}

const fieldError = (path: string, message: string) => new AppError(ErrorCode.ValidationFailed, `invalid consent: ${path}: ${message}`, { issues: [{ path, message }] });

/**
 * Records consent with its proof (kind, channel, source, the text shown, when, from which number or IP).
 *
 * `opt_in` is the carrier START (R-CAR-START): in one transaction it stores a NEW `opt_in` event, clears the
 * contact's opt-out flag and removes the internal DNC entries of THAT number only (the owner's other numbers and
 * emails stay suppressed). It does not restore earlier written consent — a revocation ends it (F8) — and it is not
 * itself written consent, so automated marketing stays blocked by F6 until new written consent is recorded.
 *
 * @example recordConsent(services, { locationId, contactId, input: { kind: 'written', source: 'web_form', textShown: '…' } })
 */
export async function recordConsent(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: RecordConsentOptions): Promise<ConsentEvent> {
  const parsed = ConsentInputSchema.safeParse(options.input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new AppError(ErrorCode.ValidationFailed, `invalid consent: ${i.path.join('.') || '(root)'}: ${i.message}`, {
      issues: parsed.error.issues.map((x) => ({ path: x.path.join('.') || '(root)', message: x.message })),
    });
  }
  const input = parsed.data;
  const contact = await getContact(deps, options);
  const now = deps.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime()) throw fieldError('occurredAt', 'consent cannot be dated in the future');
  let address: string | null = null;
  if (input.address !== undefined) {
    address = normalizeSuppressionValue(input.address);
    if (address === null) throw fieldError('address', 'a US phone number or an email address');
  }
  if (input.kind === 'opt_in') {
    // START comes from a number; without one, fall back to the contact's primary phone.
    address ??= contact.phone;
    if (address === null || address.includes('@')) throw fieldError('address', 'an opt_in (START) needs the phone number that sent it');
  }
  if (input.kind === 'written' && !input.textShown) throw fieldError('textShown', 'written consent needs the exact text the person agreed to (F12 proof)');

  const row = await deps.db.transaction(async (tx) => {
    const [event] = await tx
      .insert(consentEvents)
      .values({
        id: newId(),
        locationId: options.locationId,
        contactId: options.contactId,
        kind: input.kind,
        channel: input.channel,
        source: input.source,
        textShown: input.textShown ?? null,
        address,
        ip: input.ip ?? null,
        evidence: input.kind === 'opt_in' ? { carrierResubscribe: true, writtenConsent: false, rule: 'R-CAR-START' } : null,
        occurredAt,
        createdAt: now,
      })
      .returning();
    if (input.kind === 'opt_in' && address !== null) {
      await tx
        .delete(suppressions)
        .where(and(eq(suppressions.list, 'internal_dnc'), eq(suppressions.locationId, options.locationId), eq(suppressions.value, address)));
      await tx
        .update(contactPoints)
        .set({ status: 'active', updatedAt: now })
        .where(and(eq(contactPoints.contactId, options.contactId), eq(contactPoints.value, address), eq(contactPoints.status, 'opted_out')));
      await tx.update(contacts).set({ optOut: false, optedOutAt: null, updatedAt: now }).where(and(eq(contacts.id, options.contactId), eq(contacts.locationId, options.locationId)));
      await tx
        .update(leadStatuses)
        .set({ status: 'replied', changedAt: now, updatedAt: now })
        .where(and(eq(leadStatuses.contactId, options.contactId), inArray(leadStatuses.status, ['opt_out'])));
    }
    return event!;
  });
  return toConsentEvent(row);
}
