import type { AppServices } from '../app-services.js';
import type { Channels } from './channels.js';
import { type DispatchOptions, dispatchTouches } from './dispatch-touches.js';
import { type ScheduleOptions, scheduleTouches } from './schedule-touches.js';

export interface OutreachPassOptions {
  schedule: ScheduleOptions;
  dispatch: DispatchOptions;
  /** Scheduler batches at most (default 100); the dispatcher then sends what is queued. */
  maxBatches?: number;
  /** Dispatch passes at most per scheduled batch, and again once the scheduler is done (default 50). */
  maxDispatchPasses?: number;
  /** Checked between batches: true stops after the work in hand. */
  stopped?: () => boolean;
}

export interface OutreachPassReport {
  /** Enrollments the scheduler claimed. */
  scheduled: number;
  /** Touches the dispatcher sent. */
  sent: number;
}

/**
 * One outreach pass: the scheduler works through due enrollments batch by batch while the dispatcher sends
 * whatever is queued, each in its own loop — the scheduler's CPU (messages, guard, compliance) overlaps the
 * dispatcher's database round trips and provider calls, and neither waits for the other's batch to end
 * (the dispatcher waits only when the queue is empty and the scheduler still has batches to come). They
 * never contend for the same rows: the scheduler claims enrollments and the dispatcher queued touches, both
 * FOR UPDATE SKIP LOCKED, exactly as when two workers run side by side. One dispatcher runs at a time, so
 * pacing stays exact. Ends with the queue drained; a failure of either loop stops the other after the work
 * in hand, and sends in flight are recorded before it is thrown.
 *
 * @example await runOutreachPass(services, channelsFor(services), { schedule: { limit: 100 }, dispatch: { limit: 200 } })
 */
export async function runOutreachPass(services: AppServices, channels: Channels, options: OutreachPassOptions): Promise<OutreachPassReport> {
  const stopped = options.stopped ?? (() => false);
  const maxPasses = options.maxDispatchPasses ?? 50;
  const report: OutreachPassReport = { scheduled: 0, sent: 0 };
  let scheduling = true;
  let failed = false;
  // Dispatch passes left before the dispatcher waits for the next batch: the touches already queued, each
  // batch and the end of the scheduler each grant `maxPasses` more, as each batch had its own drain.
  let passes = maxPasses;
  // Batches committed so far: a dispatch pass that found nothing waits only if no batch came meanwhile.
  let batches = 0;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  const scheduler = async (): Promise<void> => {
    try {
      for (let i = 0; i < (options.maxBatches ?? 100) && !stopped() && !failed; i++) {
        const r = await scheduleTouches(services, options.schedule);
        report.scheduled += r.claimed;
        if (r.claimed === 0) break;
        batches++;
        passes = maxPasses;
        signal();
      }
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      scheduling = false;
      passes = maxPasses;
      signal();
    }
  };

  const dispatcher = async (): Promise<void> => {
    try {
      for (;;) {
        if (stopped() || failed) return;
        if (passes <= 0) {
          if (!scheduling) return;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        passes--;
        const seen = batches;
        const r = await dispatchTouches(services, channels, options.dispatch);
        report.sent += r.sent;
        // Nothing due: wait for the next batch (unless one came during this pass), or end once the
        // scheduler is done.
        if (r.claimed === 0 && r.recovered === 0 && seen === batches) {
          if (!scheduling) return;
          passes = 0;
        }
      }
    } catch (e) {
      failed = true;
      throw e;
    }
  };

  // Both loops run to their end (a failure stops the other after the work in hand); the first failure is thrown.
  const [s, d] = await Promise.allSettled([scheduler(), dispatcher()]);
  if (s.status === 'rejected') throw s.reason;
  if (d.status === 'rejected') throw d.reason;
  return report;
}
