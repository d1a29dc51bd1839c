/**
 * Operational alerts (seed 003 AlertingService): circuit-breaker trips, cap exhaustion, carrier-filtering
 * spikes, a failing provider. One row per (location, dedupe key): a repeat bumps the count and the
 * last-seen time instead of adding a row, so a flapping provider does not bury the list.
 */
import { sql } from 'drizzle-orm';
import { alerts } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';

export type AlertKind = 'circuit_open' | 'circuit_closed' | 'cap_exhausted' | 'carrier_filtering' | 'provider_failing' | 'handoff_unanswered' | 'send_failed';

export interface RaiseAlertOptions {
  /** Null for a provider-wide alert (one Twilio account serves every location). */
  locationId: string | null;
  kind: AlertKind;
  severity?: 'info' | 'warning' | 'critical';
  message: string;
  /** Same key = same alert; default `kind`. Include the day for daily alerts (caps). */
  dedupeKey?: string;
  details?: Record<string, unknown>;
}

/** Records the alert and answers whether it is new (a first occurrence, or one seen again after being resolved). */
export async function raiseAlert(deps: Pick<ServiceDeps, 'db' | 'clock'>, o: RaiseAlertOptions): Promise<{ id: string; isNew: boolean; occurrences: number }> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(alerts)
    .values({
      id: newId(),
      locationId: o.locationId,
      kind: o.kind,
      severity: o.severity ?? 'warning',
      message: o.message,
      dedupeKey: o.dedupeKey ?? o.kind,
      details: o.details ?? null,
      occurrences: 1,
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .onConflictDoUpdate({
      target: [alerts.locationId, alerts.dedupeKey],
      set: {
        // A resolved alert that fires again is open again, and counts as new for notification.
        occurrences: sql`case when ${alerts.resolvedAt} is null then ${alerts.occurrences} + 1 else 1 end`,
        firstSeenAt: sql`case when ${alerts.resolvedAt} is null then ${alerts.firstSeenAt} else excluded.first_seen_at end`,
        lastSeenAt: now,
        message: o.message,
        details: o.details ?? null,
        resolvedAt: null,
      },
    })
    .returning({ id: alerts.id, occurrences: alerts.occurrences });
  return { id: row!.id, occurrences: row!.occurrences, isNew: row!.occurrences === 1 };
}
