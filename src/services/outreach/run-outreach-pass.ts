import type { AppServices } from '../app-services.js';
import type { Channels } from './channels.js';
import { type DispatchOptions, dispatchTouches } from './dispatch-touches.js';
import { type ScheduleOptions, scheduleTouches } from './schedule-touches.js';

export interface OutreachPassOptions {
  schedule: ScheduleOptions;
  dispatch: DispatchOptions;
  /** Scheduler batches at most (default 100); the dispatcher then sends what is queued. */
  maxBatches?: number;
  /** Dispatch passes at most per drain (default 50). */
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
 * the touches of the batch before — the scheduler's CPU (messages, guard, compliance) overlaps the
 * dispatcher's database round trips and provider calls. They never contend for the same rows: the scheduler
 * claims enrollments and the dispatcher queued touches, both FOR UPDATE SKIP LOCKED, exactly as when two
 * workers run side by side. One dispatcher runs at a time, so pacing stays exact. Ends with the queue drained.
 *
 * @example await runOutreachPass(services, channelsFor(services), { schedule: { limit: 100 }, dispatch: { limit: 200 } })
 */
export async function runOutreachPass(services: AppServices, channels: Channels, options: OutreachPassOptions): Promise<OutreachPassReport> {
  const stopped = options.stopped ?? (() => false);
  const report: OutreachPassReport = { scheduled: 0, sent: 0 };
  const drain = async (): Promise<void> => {
    for (let i = 0; i < (options.maxDispatchPasses ?? 50) && !stopped(); i++) {
      const r = await dispatchTouches(services, channels, options.dispatch);
      report.sent += r.sent;
      if (r.claimed === 0 && r.recovered === 0) return;
    }
  };
  let sending: Promise<void> | undefined;
  let failed = false;
  try {
    for (let i = 0; i < (options.maxBatches ?? 100) && !stopped(); i++) {
      const r = await scheduleTouches(services, options.schedule);
      report.scheduled += r.claimed;
      if (sending) await sending;
      sending = undefined;
      if (r.claimed === 0) break;
      sending = drain();
      // Handled here so a failure while the next batch is scheduled is not an unhandled rejection; the
      // `await sending` above still throws it.
      sending.catch(() => undefined);
    }
    if (sending) await sending;
    sending = undefined;
    await drain();
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    // A scheduler failure still waits for the sends in flight, which must be recorded before anything else.
    if (sending && failed) await sending.catch(() => undefined);
  }
  return report;
}
