/**
 * The missed-lead watchdog: a handed-off lead nobody has answered within the location's
 * `watchdogMinutes` gets a reminder (and an alert), up to `watchdogMaxRenotify` times. A person's reply
 * (an outbound message authored `human` after the handoff) acknowledges the handoff and stops reminders.
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import { communications, handoffs, locations } from '../../db/schema/index.js';
import type { AppServices } from '../app-services.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import { conversationSettingsFor } from '../conversations/conversation-settings.js';
import { notifyHandoff } from './notify-handoff.js';

export interface HandoffWatchdogResult {
  checked: number;
  acknowledged: number;
  reminded: number;
}

export async function runHandoffWatchdog(services: AppServices, o: { locationId?: string } = {}): Promise<HandoffWatchdogResult> {
  const now = services.clock.now();
  const open = await services.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.status, 'open'), ...(o.locationId ? [eq(handoffs.locationId, o.locationId)] : [])))
    .limit(500);
  const result: HandoffWatchdogResult = { checked: open.length, acknowledged: 0, reminded: 0 };
  if (open.length === 0) return result;
  const locs = await services.db.select({ id: locations.id, settings: locations.settings }).from(locations).where(inArray(locations.id, [...new Set(open.map((h) => h.locationId))]));
  const settingsOf = new Map(locs.map((l) => [l.id, conversationSettingsFor(l.settings, services.config)]));
  for (const h of open) {
    const [human] = await services.db
      .select({ at: communications.occurredAt })
      .from(communications)
      .where(and(eq(communications.contactId, h.contactId), eq(communications.direction, 'outbound'), eq(communications.author, 'human'), gte(communications.occurredAt, h.createdAt)))
      .limit(1);
    if (human) {
      await services.db.update(handoffs).set({ status: 'acknowledged', acknowledgedAt: human.at }).where(and(eq(handoffs.id, h.id), eq(handoffs.status, 'open')));
      result.acknowledged++;
      continue;
    }
    const s = settingsOf.get(h.locationId)!;
    const since = (h.lastNotifiedAt ?? h.createdAt).getTime();
    const reminders = Math.max(0, h.notifyCount - 1);
    if (now.getTime() - since < s.watchdogMinutes * 60_000 || reminders >= s.watchdogMaxRenotify) continue;
    await notifyHandoff(services, { handoffId: h.id, round: h.notifyCount });
    await raiseAlert(services, {
      locationId: h.locationId,
      kind: 'handoff_unanswered',
      severity: 'critical',
      message: `a handed-off lead has had no reply from a person for ${Math.round((now.getTime() - h.createdAt.getTime()) / 60_000)} minutes`,
      dedupeKey: `handoff_unanswered:${h.id}`,
      details: { handoffId: h.id, contactId: h.contactId, reminders: reminders + 1 },
    });
    result.reminded++;
  }
  return result;
}
