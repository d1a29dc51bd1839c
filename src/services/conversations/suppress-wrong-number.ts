/**
 * "Wrong number": that number is suppressed (contact point status wrong_number and an internal DNC entry
 * for the value, COMPLIANCE.md "a wrong number reply suppresses that number") — not the owner, whose
 * other numbers and emails stay in play. If the wrong number was the primary phone, the next active phone
 * of the owner becomes primary so the cadence continues there.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { contactPoints, contacts, suppressions } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';

export interface SuppressWrongNumberResult {
  /** The owner's remaining active phones. */
  otherPhones: string[];
  /** The primary phone after the change (null when none is left). */
  primaryPhone: string | null;
}

export async function suppressWrongNumber(deps: Pick<ServiceDeps, 'db' | 'clock'>, o: { locationId: string; contactId: string; phone: string }): Promise<SuppressWrongNumberResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx
      .update(contactPoints)
      .set({ status: 'wrong_number', updatedAt: now })
      .where(and(eq(contactPoints.locationId, o.locationId), eq(contactPoints.kind, 'phone'), eq(contactPoints.value, o.phone)));
    await tx
      .insert(suppressions)
      .values({ list: 'internal_dnc', locationId: o.locationId, state: '', value: o.phone, reason: 'wrong_number', source: 'sms_reply', createdAt: now })
      .onConflictDoNothing();
    const others = await tx
      .select({ value: contactPoints.value })
      .from(contactPoints)
      .where(and(eq(contactPoints.contactId, o.contactId), eq(contactPoints.kind, 'phone'), eq(contactPoints.status, 'active'), ne(contactPoints.value, o.phone)))
      .orderBy(asc(contactPoints.createdAt));
    const [c] = await tx.select({ phone: contacts.phone }).from(contacts).where(eq(contacts.id, o.contactId));
    let primary = c?.phone ?? null;
    if (primary === o.phone) {
      primary = others[0]?.value ?? null;
      await tx.update(contacts).set({ phone: primary, updatedAt: now }).where(eq(contacts.id, o.contactId));
    }
    return { otherPhones: others.map((x) => x.value), primaryPhone: primary };
  });
}
