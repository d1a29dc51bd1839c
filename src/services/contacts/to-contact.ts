import type { contacts, LeadStatusValue } from '../../db/schema/index.js';
import type { Contact } from './contact-schemas.js';

export function toContact(row: typeof contacts.$inferSelect, leadStatus: LeadStatusValue | null): Contact {
  return {
    id: row.id,
    ownerName: row.ownerName,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    email: row.email,
    phoneVerified: row.phoneVerified,
    emailVerified: row.emailVerified,
    lineType: row.lineType,
    confidence: row.confidence,
    source: row.source,
    optOut: row.optOut,
    optedOutAt: row.optedOutAt?.toISOString() ?? null,
    parcelId: row.parcelId,
    mailingAddress: row.mailingAddress,
    mailingCity: row.mailingCity,
    mailingState: row.mailingState,
    mailingZip: row.mailingZip,
    timeZone: row.timeZone,
    tags: row.tags,
    custom: row.custom,
    leadStatus: leadStatus ?? 'new',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
